import { csvLine } from '../csv/csvLine.js';
import type { ChangedRow } from '../table/ChangedRow.js';
import type { MergeResult } from './Merger.js';

const utf8 = new TextEncoder();

/**
 * A merge's changeset: each row of `changed` (without it, every row of the
 * table) as its latest.csv line, written as tableToCsv writes it, with its
 * origin ('' and 0 where the merger gives none). Each line is a fresh array.
 */
export function* changedRowsOf(result: MergeResult): Generator<ChangedRow> {
  const { table, changed, origins } = result;
  if (changed === undefined) {
    for (let r = 0; r < table.rows.length; r++) yield { line: utf8.encode(table.lines?.[r] ?? csvLine(table.rows[r]!)), file: '', fileLine: 0 };
    return;
  }
  for (let i = 0; i < changed.length; i++) {
    const origin = origins?.[i];
    yield { line: utf8.encode(csvLine(changed[i]!)), file: origin?.file ?? '', fileLine: origin?.line ?? 0 };
  }
}
