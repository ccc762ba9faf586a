import type { ColumnDefinition, PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { RawRow } from '../sources/Source.js';
import { encodeKey } from '../util/encodeKey.js';
import { CoerceFailure } from './coercers/CoerceFailure.js';
import { coercerFor } from './coercers/coercerFor.js';
import { orderOf } from './coercers/orderOf.js';
import type { HeaderMapping, RejectCode, RowReject, RowResult } from './Validator.js';

type Coerce = (input: string, column: ColumnDefinition) => string | CoerceFailure;

interface Plan {
  columns: ColumnDefinition[];
  coerce: Coerce[];
  keyIndexes: number[];
  timestampIndex: number;
}

/**
 * The built-in Validator's check of one row (SchemaValidator.validateRow):
 * its field count, required values, every value coerced to its canonical
 * text, its key and timestamp order. A plain class, without the container's
 * decorators, so the byte engine's worker threads use the same code without
 * loading the container (about 150 KB of JavaScript each worker compiled at
 * start-up).
 */
export class RowValidator {
  private readonly plans = new WeakMap<PipelineDefinition, Plan>();
  private readonly identity = new WeakMap<HeaderMapping, boolean>();

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
