import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { splitCsvRow } from '../engine/splitCsvRow.js';
import { numericKeyParts, partsComparator } from '../merge/keyComparator.js';
import type { ChangeRecords } from './ChangeRecords.js';

/** The order of a table's rows, as a manifest with changesets records it: its key columns, and which compare as numbers. */
export interface KeyOrderSpec {
  key: string[];
  numeric: boolean[];
}

export function keyOrderOf(definition: PipelineDefinition): KeyOrderSpec {
  return { key: [...definition.schema.key], numeric: numericKeyParts(definition) };
}

export function sameKeyOrder(a: KeyOrderSpec | undefined, b: KeyOrderSpec): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads and compares the keys of records whose latest.csv header is `header`,
 * in the order `spec` gives (keyComparator's: numbers numerically, text by
 * UTF-16 code unit, part by part). Null when the header lacks a key column.
 */
export class KeyOrder {
  readonly compare: (a: string[], b: string[]) => number;

  private constructor(
    private readonly indexes: number[],
    numeric: boolean[],
  ) {
    this.compare = partsComparator(numeric);
  }

  static of(spec: KeyOrderSpec, header: Buffer): KeyOrder | null {
    const columns = splitCsvRow(header.toString('utf8').replace(/\r?\n$/, ''));
    const indexes = spec.key.map((k) => columns.indexOf(k));
    return indexes.some((i) => i < 0) ? null : new KeyOrder(indexes, spec.numeric);
  }

  /** The key parts of record i. */
  keyOf(records: ChangeRecords, i: number): string[] {
    const fields = splitCsvRow(records.bytes.toString('utf8', records.bodyStart(i), records.bodyEnd(i)));
    return this.indexes.map((k) => fields[k] ?? '');
  }
}
