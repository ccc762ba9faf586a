import { injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { isNumericType } from '../definition/isNumericType.js';
import { orderOf } from '../validation/coercers/orderOf.js';
import { encodeKey } from '../util/encodeKey.js';
import type { ValidRow } from '../validation/Validator.js';
import { keyComparator } from './keyComparator.js';
import type { Table } from '../table/Table.js';
import type { MergeResult, MergeState, Merger } from './Merger.js';

/**
 * Copies the longer values of a row the state keeps. A parser's substrings
 * point into the text of the whole file they came from, so keeping one would
 * keep that file in memory: memory would grow with the drop instead of with
 * latest.csv. Concatenating and slicing makes V8 copy the characters.
 */
function ownStrings(values: string[]): string[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.length > 12) values[i] = (' ' + v).slice(1);
  }
  return values;
}

function sameRow(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Entry {
  key: string;
  /** The row's values in output order, lineage excluded (for rows loaded unchanged: see `out`). */
  values: string[];
  order: number;
  source: string;
  /** The line its record starts on in `source` (ValidRow.line); 0 for a row loaded from the previous table. */
  fileLine: number;
  /** The row as it stood in the previous latest table, if the key was there. */
  before?: string[];
  /** The previous output row, reusable as is while the entry is unchanged and its columns still line up. */
  out?: string[];
  /** Its CSV text in the previous latest.csv, reusable with `out`. */
  line?: string;
  changed: boolean;
}

/**
 * Keeps the latest row per key. The rule: the greatest timestamp wins; on equal
 * timestamps the row applied later wins. The runner applies the previous
 * latest table first, then inputs in name order and rows in file order, so a
 * tie goes to the later file and, inside one file, to the later row; a file
 * with older timestamps never replaces a newer row.
 */
@injectable()
export class LatestRowMerger implements Merger {
  begin(definition: PipelineDefinition, previous: Table | null): MergeState {
    return new LatestState(definition, previous);
  }
}

class LatestState implements MergeState {
  private readonly entries = new Map<string, Entry>();
  private readonly schemaColumns: string[];
  /** Extra columns kept (validation.extraColumns: keep), in first-seen order. */
  private readonly extras: string[] = [];
  private readonly keyIndexes: number[];
  private readonly compare: (a: Entry, b: Entry) => number;
  /** How many entries came from the previous table, and whether they came in key order (then only new keys need sorting). */
  private loaded = 0;
  private loadedInOrder = true;

  constructor(
    private readonly definition: PipelineDefinition,
    previous: Table | null,
  ) {
    this.schemaColumns = definition.schema.columns.map((c) => c.name);
    this.keyIndexes = definition.schema.key.map((k) => this.schemaColumns.indexOf(k));
    this.compare = this.entryComparator();
    if (previous) this.load(previous);
  }

  private load(previous: Table): void {
    const lineage = this.definition.output.lineage;
    const lineageIndex = lineage === undefined ? -1 : previous.columns.indexOf(lineage);
    const positions = this.schemaColumns.map((c) => previous.columns.indexOf(c));
    const extraPositions: number[] = [];
    previous.columns.forEach((c, i) => {
      if (i !== lineageIndex && !this.schemaColumns.includes(c)) {
        this.extras.push(c);
        extraPositions.push(i);
      }
    });
    const all = [...positions, ...extraPositions];
    // The usual case: the previous table has exactly the columns this run writes, in order.
    const aligned =
      all.every((p, i) => p === i) && (lineage === undefined ? previous.columns.length === all.length : lineageIndex === all.length && previous.columns.length === all.length + 1);
    const tsIndex = this.schemaColumns.indexOf(this.definition.schema.timestamp);
    const tsType = this.definition.schema.columns[tsIndex]!.type;
    let last: Entry | undefined;
    previous.rows.forEach((row, i) => {
      const values = aligned ? row : all.map((p) => (p < 0 ? '' : (row[p] ?? '')));
      const key = this.keyOf(values);
      const source = lineageIndex < 0 ? '' : (row[lineageIndex] ?? '');
      const entry: Entry = { key, values, order: orderOf(tsType, values[tsIndex]!), source, fileLine: 0, before: row, changed: false };
      if (aligned) {
        entry.out = row;
        entry.line = previous.lines?.[i];
      }
      if (last !== undefined && this.loadedInOrder && this.compare(last, entry) >= 0) this.loadedInOrder = false;
      last = entry;
      this.entries.set(key, entry);
    });
    this.loaded = this.entries.size;
  }

  apply(row: ValidRow, columns: readonly string[], source: string): void {
    const existing = this.entries.get(row.key);
    if (existing !== undefined && row.order < existing.order) return;
    const values = ownStrings(columns.length === this.schemaColumns.length ? row.values : this.alignExtras(row.values, columns));
    if (existing === undefined) {
      const key = row.key.length > 12 ? (' ' + row.key).slice(1) : row.key;
      this.entries.set(key, { key, values, order: row.order, source, fileLine: row.line, changed: true });
      return;
    }
    // Updated in place: one lookup, and no new object per winning row.
    existing.values = values;
    existing.order = row.order;
    existing.source = source;
    existing.fileLine = row.line;
    existing.changed = true;
  }

  finish(): MergeResult {
    const lineage = this.definition.output.lineage;
    const width = this.schemaColumns.length + this.extras.length;
    const sorted = this.sortedEntries();
    let inserted = 0;
    let updated = 0;
    const changed: string[][] = [];
    const origins: { file: string; line: number }[] = [];
    const rows = new Array<string[]>(sorted.length);
    const lines = new Array<string | undefined>(sorted.length);
    sorted.forEach((e, i) => {
      if (!e.changed && e.out !== undefined && e.out.length === width + (lineage === undefined ? 0 : 1)) {
        rows[i] = e.out;
        lines[i] = e.line;
        return;
      }
      // A row loaded as it stood keeps its lineage as its last value: never let it fill a new extra column.
      const values = !e.changed && e.out !== undefined && lineage !== undefined ? e.values.slice(0, -1) : e.values;
      const row = values.length >= width ? values.slice(0, width) : [...values, ...new Array<string>(width - values.length).fill('')];
      if (lineage !== undefined) row.push(e.source);
      if (e.changed && (e.before === undefined || !sameRow(e.before, row))) {
        if (e.before === undefined) inserted++;
        else updated++;
        changed.push(row);
        origins.push({ file: e.source, line: e.fileLine });
      }
      rows[i] = row;
    });
    const columns = [...this.schemaColumns, ...this.extras, ...(lineage === undefined ? [] : [lineage])];
    return { table: { columns, rows, lines }, inserted, updated, changed, origins };
  }

  /**
   * Entries in key order. Keys loaded from the previous table usually come
   * sorted already (it was written sorted), so only new keys are sorted and
   * merged in: O(n + k log k) for k new keys.
   */
  private sortedEntries(): Entry[] {
    const all = [...this.entries.values()];
    if (!this.loadedInOrder) return all.sort(this.compare);
    const fresh = all.slice(this.loaded).sort(this.compare);
    if (fresh.length === 0) return all;
    const out: Entry[] = [];
    let i = 0;
    let j = 0;
    while (i < this.loaded && j < fresh.length) out.push(this.compare(all[i]!, fresh[j]!) <= 0 ? all[i++]! : fresh[j++]!);
    while (i < this.loaded) out.push(all[i++]!);
    while (j < fresh.length) out.push(fresh[j++]!);
    return out;
  }

  /** Text keys compare by UTF-16 code unit (locale-free); numeric and composite keys part by part. */
  private entryComparator(): (a: Entry, b: Entry) => number {
    const textKey = this.keyIndexes.length === 1 && !isNumericType(this.definition.schema.columns[this.keyIndexes[0]!]!.type);
    if (textKey) return (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    const compare = keyComparator(this.definition);
    return (a, b) =>
      compare(
        this.keyIndexes.map((k) => a.values[k]!),
        this.keyIndexes.map((k) => b.values[k]!),
      );
  }

  private keyOf(values: string[]): string {
    return this.keyIndexes.length === 1 ? values[this.keyIndexes[0]!]! : encodeKey(this.keyIndexes.map((i) => values[i]!));
  }

  private alignExtras(values: string[], columns: readonly string[]): string[] {
    const out = values.slice(0, this.schemaColumns.length);
    for (let i = this.schemaColumns.length; i < columns.length; i++) {
      let at = this.extras.indexOf(columns[i]!);
      if (at < 0) at = this.extras.push(columns[i]!) - 1;
      out[this.schemaColumns.length + at] = values[i]!;
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = '';
    return out;
  }
}
