import { injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { orderOf } from '../validation/coercers/orderOf.js';
import { KEY_SEPARATOR } from '../validation/SchemaValidator.js';
import type { ValidRow } from '../validation/Validator.js';
import { keyComparator } from './keyComparator.js';
import type { MergeResult, MergeState, Merger, Table } from './Merger.js';

function sameRow(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Entry {
  values: string[];
  order: number;
  source: string;
  /** The row as it stood in the previous latest table, when it came from there unchanged. */
  previous?: string[];
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
  /** Rows of the previous latest table by key, to tell inserts and real updates apart. */
  private readonly previousRows = new Map<string, string[]>();

  constructor(
    private readonly definition: PipelineDefinition,
    previous: Table | null,
  ) {
    this.schemaColumns = definition.schema.columns.map((c) => c.name);
    this.keyIndexes = definition.schema.key.map((k) => this.schemaColumns.indexOf(k));
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
    const tsIndex = this.schemaColumns.indexOf(this.definition.schema.timestamp);
    const tsType = this.definition.schema.columns[tsIndex]!.type;
    for (const row of previous.rows) {
      const values = [...positions, ...extraPositions].map((p) => (p < 0 ? '' : (row[p] ?? '')));
      const key = this.keyOf(values);
      this.previousRows.set(key, row);
      const source = lineageIndex < 0 ? '' : (row[lineageIndex] ?? '');
      this.entries.set(key, { values, order: orderOf(tsType, values[tsIndex]!), source, previous: row });
    }
  }

  apply(row: ValidRow, columns: readonly string[], source: string): void {
    const existing = this.entries.get(row.key);
    if (existing !== undefined && row.order < existing.order) return;
    const values = columns.length === this.schemaColumns.length ? row.values : this.alignExtras(row.values, columns);
    this.entries.set(row.key, { values, order: row.order, source });
  }

  finish(): MergeResult {
    const lineage = this.definition.output.lineage;
    const width = this.schemaColumns.length + this.extras.length;
    const compare = keyComparator(this.definition);
    const sorted = [...this.entries.values()].map((e) => ({ e, key: this.keyIndexes.map((i) => e.values[i]!) }));
    sorted.sort((a, b) => compare(a.key, b.key));
    let inserted = 0;
    let updated = 0;
    const rows = sorted.map(({ e }) => {
      const row = e.values.length === width ? e.values.slice() : [...e.values, ...new Array<string>(width - e.values.length).fill('')];
      if (lineage !== undefined) row.push(e.source);
      if (e.previous === undefined) {
        const before = this.previousRows.get(this.keyOf(e.values));
        if (before === undefined) inserted++;
        else if (!sameRow(before, row)) updated++;
      }
      return row;
    });
    const columns = [...this.schemaColumns, ...this.extras, ...(lineage === undefined ? [] : [lineage])];
    return { table: { columns, rows }, inserted, updated };
  }

  private keyOf(values: string[]): string {
    return this.keyIndexes.length === 1 ? values[this.keyIndexes[0]!]! : this.keyIndexes.map((i) => values[i]).join(KEY_SEPARATOR);
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
