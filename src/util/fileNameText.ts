const DECODER = new TextDecoder('utf-8', { fatal: true });

/**
 * A file name's bytes as text: UTF-8 where they are UTF-8, every other byte as
 * `\xNN` (a name copied from a Latin-1 system, `caf\xe9.csv`). This is the name
 * dropline shows, records in the ledger and writes in the lineage column.
 */
export function fileNameText(bytes: Uint8Array): string {
  try {
    return DECODER.decode(bytes);
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const len = sequenceLength(bytes[i]!);
      const char = len > 0 ? tryDecode(bytes.subarray(i, i + len)) : null;
      if (char !== null) {
        out += char;
        i += len;
      } else out += `\\x${bytes[i++]!.toString(16).padStart(2, '0')}`;
    }
    return out;
  }
}

/** The bytes a name shown by `fileNameText` stands for (`\xNN` back to the byte). */
export function fileNameBytes(text: string): Buffer {
  if (!text.includes('\\x')) return Buffer.from(text);
  const parts = text.split(/(\\x[0-9a-f]{2})/);
  return Buffer.concat(parts.map((p) => (/^\\x[0-9a-f]{2}$/.test(p) ? Buffer.from([parseInt(p.slice(2), 16)]) : Buffer.from(p))));
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function tryDecode(bytes: Uint8Array): string | null {
  try {
    return DECODER.decode(bytes);
  } catch {
    return null;
  }
}
