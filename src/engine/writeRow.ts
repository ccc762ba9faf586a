import { FieldKind } from './FieldKind.js';
import type { ByteBlob } from './ByteBlob.js';
import { RecordScanner } from './RecordScanner.js';
import type { ScanPlan } from './ScanPlan.js';

const QUOTE = 34;
const COMMA = 44;

/**
 * Writes the output line of the scanner's current record, every value already
 * proven canonical: the schema columns in order, each as quoteCsvField(value)
 * writes it, joined by ','. A quoted field that needs its quotes is written
 * as it stands in the input (quoteCsvField's form is the only one); other
 * values are written bare, and a bare value holding a comma (a file with
 * another delimiter) is quoted.
 */
export function writeRow(out: ByteBlob, scanner: RecordScanner, plan: ScanPlan): void {
  const b = scanner.bytes;
  const columns = plan.fieldIndex.length;
  for (let c = 0; c < columns; c++) {
    if (c > 0) out.push(COMMA);
    const f = plan.fieldIndex[c]!;
    if (f < 0) continue;
    const start = scanner.starts[f]!;
    const end = scanner.ends[f]!;
    const flags = scanner.flags[f]!;
    if ((flags & RecordScanner.NEEDS_QUOTES) !== 0) out.append(b, start - 1, end + 1);
    else if (plan.kinds[c] === FieldKind.string && (flags & RecordScanner.QUOTED) === 0 && hasComma(b, start, end)) {
      out.push(QUOTE);
      out.append(b, start, end);
      out.push(QUOTE);
    } else out.append(b, start, end);
  }
}

function hasComma(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] === COMMA) return true;
  return false;
}
