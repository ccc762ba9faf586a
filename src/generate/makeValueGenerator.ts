import type { Faker } from '@faker-js/faker';
import type { ColumnDefinition, PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { formatTime } from './formatTime.js';
import { resolveFakerMethod } from './resolveFakerMethod.js';
import type { TimeRange } from './TimeRange.js';

/** Makes one CSV field for a column per call. */
export type ValueGenerator = () => string;

/**
 * The generator for a non-timestamp column: its `faker` method when it has one,
 * else a default per type. A faker method is called once up front so one that
 * needs arguments or returns a structure fails here, naming the column.
 */
export function makeValueGenerator(faker: Faker, column: ColumnDefinition, range: TimeRange, definition: PipelineDefinition): ValueGenerator {
  if (column.faker !== undefined) {
    const path = column.faker;
    const method = resolveFakerMethod(faker, path, { pipeline: definition.name, file: definition.file, column: column.name });
    const generate = (): string => toText(method(), column);
    try {
      generate();
    } catch (err) {
      const reason = err instanceof DroplineError ? err.message : `fails when called without arguments (${err instanceof Error ? err.message : String(err)})`;
      throw new DroplineError(
        'DEFINITION_INVALID',
        `${definition.file}: schema.columns.${column.name}.faker "${path}" ${reason}; pick a method that takes no arguments and returns one value, e.g. company.buzzPhrase`,
        { pipeline: definition.name, file: definition.file, key: `schema.columns.${column.name}.faker` },
        { cause: err },
      );
    }
    return generate;
  }
  const from = range.fromSec * 1000;
  const to = range.toSec * 1000;
  switch (column.type) {
    case 'string':
      return () => faker.lorem.words();
    case 'integer':
      return () => String(faker.number.int({ max: 10_000 }));
    case 'number':
      return () => faker.number.float({ max: 10_000, fractionDigits: 2 }).toFixed(2);
    case 'boolean':
      return () => String(faker.datatype.boolean());
    case 'date':
    case 'datetime': {
      const type = column.type;
      return () => formatTime(faker.date.between({ from, to }).getTime(), type, column.format);
    }
  }
}

/** Faker's answer as a CSV field of the column's type. */
function toText(value: unknown, column: ColumnDefinition): string {
  if (value instanceof Date) {
    return formatTime(value.getTime(), column.type === 'date' ? 'date' : 'datetime', column.format);
  }
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      throw new DroplineError('DEFINITION_INVALID', `returns ${Array.isArray(value) ? 'an array' : typeof value}, not a single value`);
  }
}
