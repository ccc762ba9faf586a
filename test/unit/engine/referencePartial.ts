import { expect } from 'chai';
import { parseCsvFast } from '../../../src/csv/parseCsvFast.js';
import { quoteCsvField } from '../../../src/csv/quoteCsvField.js';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import type { FilePartial } from '../../../src/engine/FilePartial.js';
import { hashKey } from '../../../src/engine/hashKey.js';
import { SchemaValidator } from '../../../src/validation/SchemaValidator.js';
import { isReject, type HeaderMapping, type RowReject } from '../../../src/validation/Validator.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';

/** One winner as the tests compare it: key and row bytes as hex, so any byte difference shows. */
export interface Winner {
  key: string;
  row: string;
  hash: number;
  order: number;
  line: number;
}

export interface Reduced {
  rows: number;
  rejects: RowReject[];
  winners: Winner[];
}

/**
 * Today's reference path for one file, written the plainest way: decode the
 * bytes, parseCsvFast, skip the header, SchemaValidator.validateRow every
 * record, keep per key the row with the greatest order (a later row replaces
 * unless its order is smaller), encode each winner as the byte engine must.
 * 'fallback' where parseCsvFast gives up.
 */
export function referencePartial(bytes: Uint8Array, delimiter: string, file: string, definition: PipelineDefinition, mapping: HeaderMapping): Reduced | 'fallback' {
  const records = parseCsvFast(new TextDecoder().decode(bytes), delimiter);
  if (records === null) return 'fallback';
  const validator = new SchemaValidator(new RecordingLogger());
  const rejects: RowReject[] = [];
  const winners = new Map<string, Winner>();
  for (const record of records.slice(1)) {
    const result = validator.validateRow(definition, mapping, record, file);
    if (isReject(result)) {
      rejects.push(result);
      continue;
    }
    const kept = winners.get(result.key);
    if (kept !== undefined && result.order < kept.order) continue;
    const key = Buffer.from(result.key, 'utf8');
    const row = Buffer.from(result.values.map((v) => quoteCsvField(v)).join(','), 'utf8');
    winners.set(result.key, { key: key.toString('hex'), row: row.toString('hex'), hash: hashKey(key, 0, key.length), order: result.order, line: result.line });
  }
  return { rows: Math.max(0, records.length - 1), rejects, winners: [...winners.values()] };
}

/** A FilePartial unpacked into the same shape. */
export function unpack(partial: FilePartial): Reduced {
  const winners: Winner[] = [];
  let at = 0;
  for (let i = 0; i < partial.count; i++) {
    const keyEnd = at + partial.keyLengths[i]!;
    const rowEnd = keyEnd + partial.rowLengths[i]!;
    const hex = (from: number, to: number): string => Buffer.from(partial.data.subarray(from, to)).toString('hex');
    winners.push({ key: hex(at, keyEnd), row: hex(keyEnd, rowEnd), hash: partial.hashes[i]!, order: partial.orders[i]!, line: partial.lines[i]! });
    at = rowEnd;
  }
  expect(at).to.equal(partial.data.length);
  return { rows: partial.rows, rejects: partial.rejects, winners };
}
