import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { RawRow } from '../sources/Source.js';

/** How one header of an input was mapped onto a schema column. */
export interface HeaderMatch {
  /** The header exactly as it appeared in the file. */
  header: string;
  /** Index of the header in the file's fields. */
  index: number;
  /** Schema column it maps onto. */
  column: string;
  /** 1 for exact, normalised and alias matches; the similarity for fuzzy ones. */
  score: number;
  /** exact: the very name; normalized: the name once case, spacing and separators are folded; alias: a listed alias; fuzzy: similar enough. */
  how: 'exact' | 'normalized' | 'alias' | 'fuzzy';
}

/** The mapping of one input's header onto the schema. */
export interface HeaderMapping {
  /** Per output column (schema columns, then kept extras): the field index in the input, or -1 when absent. */
  fieldIndex: number[];
  /** Output column names in order (schema columns, then kept extra columns). */
  outputColumns: string[];
  matches: HeaderMatch[];
  /** Headers that map onto no column, with what was done with them. */
  extras: { header: string; index: number; action: 'dropped' | 'kept' }[];
  /** Number of fields a well-formed record has (the header's length). */
  width: number;
}

/** A row that passed validation: canonical values in output column order. */
export interface ValidRow {
  /** Canonical key text: `encodeKey(values of the key columns)` (a single-column key is its value). */
  key: string;
  /** Orders versions of a row: larger is newer. */
  order: number;
  values: string[];
  line: number;
}

export const REJECT_CODES = ['BAD_VALUE', 'MISSING_VALUE', 'MISSING_KEY', 'MISSING_TIMESTAMP', 'TOO_MANY_FIELDS', 'TOO_FEW_FIELDS'] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** A row set aside, with everything a person needs to find and fix it. */
export interface RowReject {
  file: string;
  line: number;
  code: RejectCode;
  message: string;
  raw: string;
}

/** Why a whole input could not be used. */
export interface FileRejection {
  code: 'UNREADABLE' | 'MISSING_COLUMN' | 'AMBIGUOUS_HEADER' | 'EXTRA_COLUMN' | 'DUPLICATE_HEADER';
  message: string;
}

export type RowResult = ValidRow | RowReject;

export function isReject(result: RowResult): result is RowReject {
  return (result as RowReject).code !== undefined;
}

/**
 * The plug-in point between reading and merging. `mapHeader` decides whether an
 * input can be used at all; `validateRow` turns one raw record into a canonical
 * row or a reject. Validation failures are data, never exceptions.
 */
export interface Validator {
  mapHeader(definition: PipelineDefinition, header: string[], file: string): HeaderMapping | FileRejection;
  validateRow(definition: PipelineDefinition, mapping: HeaderMapping, row: RawRow, file: string): RowResult;
}

export function isFileRejection(result: HeaderMapping | FileRejection): result is FileRejection {
  return (result as FileRejection).code !== undefined;
}
