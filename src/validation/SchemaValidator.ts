import { inject, injectable } from 'inversify';
import type { ColumnDefinition, PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { RawRow } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { encodeKey } from '../util/encodeKey.js';
import { CoerceFailure } from './coercers/CoerceFailure.js';
import { coercerFor } from './coercers/coercerFor.js';
import { orderOf } from './coercers/orderOf.js';
import { delimiterHint } from './headers/delimiterHint.js';
import { matchHeaders } from './headers/HeaderMatcher.js';
import type { FileRejection, HeaderMapping, RejectCode, RowReject, RowResult, Validator } from './Validator.js';

type Coerce = (input: string, column: ColumnDefinition) => string | CoerceFailure;

interface Plan {
  columns: ColumnDefinition[];
  coerce: Coerce[];
  keyIndexes: number[];
  timestampIndex: number;
}

/**
 * The built-in Validator: maps drifting headers onto the schema (exact, alias,
 * then fuzzy above the threshold; one-to-one; never guesses between equals) and
 * coerces every value to its canonical text.
 */
@injectable()
export class SchemaValidator implements Validator {
  private readonly plans = new WeakMap<PipelineDefinition, Plan>();
  private readonly identity = new WeakMap<HeaderMapping, boolean>();

  constructor(@inject(TOKENS.Logger) private readonly logger: Logger) {}

  mapHeader(definition: PipelineDefinition, header: string[], file: string): HeaderMapping | FileRejection {
    const columns = definition.schema.columns;
    const result = matchHeaders(header, columns, definition.validation.headerThreshold);
    if (result.duplicate) return { code: 'DUPLICATE_HEADER', message: result.duplicate.message };
    if (result.ambiguous) return { code: 'AMBIGUOUS_HEADER', message: result.ambiguous.message };
    const byColumn = new Map(result.matches.map((m) => [m.column, m]));
    const missing = columns.filter((c) => c.required && !byColumn.has(c.name)).map((c) => c.name);
    if (missing.length > 0) {
      const found = header.map((h) => JSON.stringify(h)).join(', ');
      const list = missing.map((m) => `"${m}"`).join(', ');
      const todo = delimiterHint(header, definition.source.delimiter) ?? `add ${missing.length > 1 ? 'them' : 'it'}, or list the client's name under aliases`;
      return { code: 'MISSING_COLUMN', message: `required column${missing.length > 1 ? 's' : ''} ${list} not found in the header (found: ${found}); ${todo}` };
    }
    const policy = definition.validation.extraColumns;
    if (policy === 'quarantine' && result.unmatched.length > 0) {
      const names = result.unmatched.map((u) => `"${u.header}"`).join(', ');
      return { code: 'EXTRA_COLUMN', message: `column${result.unmatched.length > 1 ? 's' : ''} ${names} not in the schema and validation.extraColumns is quarantine` };
    }
    for (const m of result.matches) {
      if (m.how !== 'exact') this.logger.info(`"${m.header}" -> ${m.column} (${m.score.toFixed(2)})`, { file, how: m.how });
    }
    const keep = policy === 'keep' ? result.unmatched : [];
    const taken = new Set([...columns.map((c) => c.name), ...(definition.output.lineage === undefined ? [] : [definition.output.lineage])]);
    for (const u of keep) {
      const name = u.header.trim();
      if (taken.has(name)) {
        return {
          code: 'DUPLICATE_HEADER',
          message: `extra column "${name}" would be kept, but the output already has a column of that name; rename it in the file or drop extra columns (validation.extraColumns: drop)`,
        };
      }
      taken.add(name);
    }
    for (const u of result.unmatched) {
      this.logger.info(`extra column "${u.header}" ${policy === 'keep' ? 'kept' : 'dropped'}`, { file });
    }
    return {
      fieldIndex: [...columns.map((c) => byColumn.get(c.name)?.index ?? -1), ...keep.map((u) => u.index)],
      outputColumns: [...columns.map((c) => c.name), ...keep.map((u) => u.header.trim())],
      matches: result.matches,
      extras: result.unmatched.map((u) => ({ header: u.header, index: u.index, action: policy === 'keep' ? 'kept' : 'dropped' })),
      width: header.length,
    };
  }

  validateRow(definition: PipelineDefinition, mapping: HeaderMapping, row: RawRow, file: string): RowResult {
    const fields = row.fields;
    if (fields.length !== mapping.width) {
      const code = fields.length > mapping.width ? 'TOO_MANY_FIELDS' : 'TOO_FEW_FIELDS';
      return reject(file, row, code, `${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${mapping.width}`);
    }
    const plan = this.planFor(definition);
    // When the file's columns are the output's, in order, values are written over the fields: one array less per row.
    const values = this.inOrder(mapping) ? fields : new Array<string>(mapping.fieldIndex.length);
    for (let i = 0; i < plan.columns.length; i++) {
      const column = plan.columns[i]!;
      const index = mapping.fieldIndex[i]!;
      const input = index < 0 ? '' : fields[index]!;
      if (input.trim() === '') {
        if (column.required) return reject(file, row, missingCode(plan, i), `column "${column.name}" is empty`);
        values[i] = '';
        continue;
      }
      const value = plan.coerce[i]!(input, column);
      if (value instanceof CoerceFailure) return reject(file, row, 'BAD_VALUE', `column "${column.name}": ${value.message}`);
      values[i] = value;
    }
    for (let i = plan.columns.length; i < values.length; i++) values[i] = fields[mapping.fieldIndex[i]!]!;
    const key = plan.keyIndexes.length === 1 ? values[plan.keyIndexes[0]!]! : encodeKey(plan.keyIndexes.map((k) => values[k]!));
    const tsColumn = plan.columns[plan.timestampIndex]!;
    return { key, order: orderOf(tsColumn.type, values[plan.timestampIndex]!), values, line: row.line };
  }

  private inOrder(mapping: HeaderMapping): boolean {
    let known = this.identity.get(mapping);
    if (known === undefined) {
      known = mapping.fieldIndex.length === mapping.width && mapping.fieldIndex.every((f, i) => f === i);
      this.identity.set(mapping, known);
    }
    return known;
  }

  private planFor(definition: PipelineDefinition): Plan {
    let plan = this.plans.get(definition);
    if (!plan) {
      const columns = definition.schema.columns;
      const names = columns.map((c) => c.name);
      plan = {
        columns,
        coerce: columns.map((c) => coercerFor(c.type)),
        keyIndexes: definition.schema.key.map((k) => names.indexOf(k)),
        timestampIndex: names.indexOf(definition.schema.timestamp),
      };
      this.plans.set(definition, plan);
    }
    return plan;
  }
}

function missingCode(plan: Plan, index: number): RejectCode {
  if (plan.keyIndexes.includes(index)) return 'MISSING_KEY';
  if (index === plan.timestampIndex) return 'MISSING_TIMESTAMP';
  return 'MISSING_VALUE';
}

function reject(file: string, row: RawRow, code: RejectCode, message: string): RowReject {
  return { file, line: row.line, code, message, raw: row.raw };
}
