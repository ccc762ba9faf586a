import type { ByteBlob } from './ByteBlob.js';
import { RecordScanner } from './RecordScanner.js';
import type { ScanPlan } from './ScanPlan.js';

const QUOTE = 34;
const SEPARATOR = 0x1f;
const ESCAPE = 0x1e;

/**
 * Writes the key of the scanner's current record (its key columns' values,
 * already proven canonical) as encodeKey would give it, in UTF-8: a single
 * part as is; parts joined by U+001F, a U+001E or U+001F inside a part
 * prefixed with U+001E. Doubled quotes of quoted fields are written once.
 */
export function writeKey(out: ByteBlob, scanner: RecordScanner, plan: ScanPlan): void {
  const b = scanner.bytes;
  const composite = plan.keyColumns.length > 1;
  for (let k = 0; k < plan.keyColumns.length; k++) {
    if (k > 0) out.push(SEPARATOR);
    const f = plan.fieldIndex[plan.keyColumns[k]!]!;
    if (f < 0) continue;
    const end = scanner.ends[f]!;
    const escaped = (scanner.flags[f]! & RecordScanner.ESCAPED) !== 0;
    for (let i = scanner.starts[f]!; i < end; i++) {
      const c = b[i]!;
      if (composite && (c === SEPARATOR || c === ESCAPE)) out.push(ESCAPE);
      out.push(c);
      if (c === QUOTE && escaped) i++;
    }
  }
}
