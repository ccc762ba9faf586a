import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { compareKeyBytes } from '../engine/compareKeyBytes.js';
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
  /** Whether keys may be compared on their bytes: one key column, compared as text. */
  private readonly plain: boolean;
  /** Where the field plainField found ends. */
  private fieldEnd = 0;

  /** The last key column's field index, and which key parts each key field fills. */
  private readonly last: number;
  private readonly positions = new Map<number, number[]>();

  private constructor(
    private readonly indexes: number[],
    numeric: boolean[],
  ) {
    this.compare = partsComparator(numeric);
    this.plain = indexes.length === 1 && !numeric[0];
    this.last = Math.max(...indexes);
    indexes.forEach((field, part) => this.positions.set(field, [...(this.positions.get(field) ?? []), part]));
  }

  static of(spec: KeyOrderSpec, header: Buffer): KeyOrder | null {
    const columns = splitCsvRow(header.toString('utf8').replace(/\r?\n$/, ''));
    const indexes = spec.key.map((k) => columns.indexOf(k));
    return indexes.some((i) => i < 0) ? null : new KeyOrder(indexes, spec.numeric);
  }

  /**
   * Compares the keys of record i of `a` and record j of `b`, in `compare`'s order: on their UTF-8 bytes
   * (compareKeyBytes, nothing allocated) where the key is one text column and neither field is quoted, else decoded.
   * Merging a chain of 2M rows and 11 changesets decoded about 6M keys this way before.
   */
  compareRecords(a: ChangeRecords, i: number, b: ChangeRecords, j: number): number {
    if (this.plain) {
      const x = this.plainField(a, i);
      const xEnd = this.fieldEnd;
      const y = x < 0 ? -1 : this.plainField(b, j);
      if (y >= 0) return compareKeyBytes(a.bytes, x, xEnd - x, b.bytes, y, this.fieldEnd - y);
    }
    return this.compare(this.keyOf(a, i), this.keyOf(b, j));
  }

  /** Where record i's key field starts (its end in `fieldEnd`), or -1 when a quote comes before its end or the record has fewer fields. */
  private plainField(records: ChangeRecords, i: number): number {
    const { bytes } = records;
    const end = records.bodyEnd(i);
    let at = records.bodyStart(i);
    for (let field = 0; ; field++) {
      const start = at;
      while (at < end && bytes[at] !== 44) {
        if (bytes[at] === 34) return -1;
        at++;
      }
      if (field === this.last) {
        this.fieldEnd = at;
        return start;
      }
      if (at >= end) return -1;
      at++;
    }
  }

  /** The key parts of record i: only the fields up to the last key column are decoded. */
  keyOf(records: ChangeRecords, i: number): string[] {
    const { bytes } = records;
    const end = records.bodyEnd(i);
    const parts = new Array<string>(this.indexes.length).fill('');
    let at = records.bodyStart(i);
    for (let field = 0; field <= this.last && at <= end; field++) {
      let value: string;
      if (bytes[at] === 34) {
        // Quoted: up to the closing quote; doubled quotes inside stand for one.
        let close = at + 1;
        for (;;) {
          close = bytes.indexOf(34, close);
          if (close < 0 || close >= end || bytes[close + 1] !== 34) break;
          close += 2;
        }
        if (close < 0 || close > end) close = end;
        value = bytes.toString('utf8', at + 1, close).replace(/""/g, '"');
        at = close + 2;
      } else {
        let comma = bytes.indexOf(44, at);
        if (comma < 0 || comma > end) comma = end;
        value = bytes.toString('utf8', at, comma);
        at = comma + 1;
      }
      const k = this.positions.get(field);
      if (k !== undefined) for (const p of k) parts[p] = value;
    }
    return parts;
  }
}
