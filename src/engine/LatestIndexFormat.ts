/**
 * The layout of the index written beside latest.csv (little-endian):
 *   0  magic "DLX1"          4  version (u32)          8  rows (u32)
 *   12 spec bytes (u32)      16 latest.csv bytes (f64) 24 unused, 0 (u32; the index is bound to latest.csv by its SHA-256, LatestIndexFile)
 *   28 blob bytes (u32)      32 spec (UTF-8 JSON of LatestLayout.spec), padded to 8
 *   then orders f64[rows], keyStarts f64[rows], hashes u32[rows], lineStarts u32[rows + 1],
 *   keyLengths u32[rows], the key blob (padded to 4), and last the crc32 of all before it (u32).
 * A key start below the latest.csv length points into latest.csv (a plain field), from there on into the blob.
 */
export const LatestIndexFormat = {
  magic: 0x31584c44, // "DLX1" read as a little-endian u32
  version: 1,
  headerBytes: 32,
  pad: (n: number, to: number): number => Math.ceil(n / to) * to,
  /** Byte offsets of each section for a given row count, spec and blob length. */
  sections(rows: number, specLength: number, blobLength: number) {
    const orders = LatestIndexFormat.pad(32 + specLength, 8);
    const keyStarts = orders + rows * 8;
    const hashes = keyStarts + rows * 8;
    const lineStarts = hashes + rows * 4;
    const keyLengths = lineStarts + (rows + 1) * 4;
    const blob = keyLengths + rows * 4;
    const checksum = LatestIndexFormat.pad(blob + blobLength, 4);
    return { orders, keyStarts, hashes, lineStarts, keyLengths, blob, checksum, total: checksum + 4 };
  },
};
