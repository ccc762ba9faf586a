/**
 * The layout of the index written beside latest.csv (little-endian):
 *   0  magic "DLX1"          4  version (u32)          8  rows (u32)
 *   12 spec bytes (u32)      16 latest.csv bytes (f64) 24 sections (u32: 1 with orders and hashes, 0 without)
 *   28 blob bytes (u32)      32 spec (UTF-8 JSON of LatestLayout.spec), padded to 8
 *   then orders f64[rows] (if any), keyStarts f64[rows], hashes u32[rows] (if any), lineStarts u32[rows + 1],
 *   keyLengths u32[rows], the key blob (padded to 4), and last the crc32 of all before it (u32).
 * A key start below the latest.csv length points into latest.csv (a plain field), from there on into the blob.
 * The index of a text-key table leaves orders and hashes out (PreviousLatest): 32 MB for 2M rows, not 56.
 * Version 1 always had them, and an unused 0 at 24; the index is bound to latest.csv by its SHA-256 (LatestIndexFile).
 */
export const LatestIndexFormat = {
  magic: 0x31584c44, // "DLX1" read as a little-endian u32
  version: 2,
  headerBytes: 32,
  pad: (n: number, to: number): number => Math.ceil(n / to) * to,
  /** Byte offsets of each section for a given row count, spec and blob length, with or without orders and hashes. */
  sections(rows: number, specLength: number, blobLength: number, full: boolean) {
    const orders = LatestIndexFormat.pad(32 + specLength, 8);
    const keyStarts = orders + (full ? rows * 8 : 0);
    const hashes = keyStarts + rows * 8;
    const lineStarts = hashes + (full ? rows * 4 : 0);
    const keyLengths = lineStarts + (rows + 1) * 4;
    const blob = keyLengths + rows * 4;
    const checksum = LatestIndexFormat.pad(blob + blobLength, 4);
    return { orders, keyStarts, hashes, lineStarts, keyLengths, blob, checksum, total: checksum + 4 };
  },
};
