import type { Faker } from '@faker-js/faker';
import type { ColumnDefinition, PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { formatTime } from './formatTime.js';
import { makeValueGenerator } from './makeValueGenerator.js';
import type { TimeRange } from './TimeRange.js';

/**
 * `ids` distinct key tuples (values in `columns` order), made up front so rows
 * can draw from them. A single key column gets `ids` values (UUIDs for strings,
 * 1..ids for numbers); a composite key gets a small pool per column and `ids`
 * distinct combinations of them.
 */
export function makeKeyPool(faker: Faker, columns: ColumnDefinition[], ids: number, range: TimeRange, definition: PipelineDefinition): string[][] {
  if (columns.length === 0) return Array.from({ length: ids }, () => []);
  const sizes = poolSizes(columns, ids, definition);
  const pools = columns.map((column, i) => distinctValues(faker, column, sizes[i]!, range, definition));
  const total = sizes.reduce((a, b) => a * b, 1);
  // Partial Fisher-Yates over the combination indices: `ids` distinct picks.
  const indices = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < ids; i++) {
    const j = faker.number.int({ min: i, max: total - 1 });
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices.slice(0, ids).map((index) => {
    const tuple: string[] = [];
    for (let c = columns.length - 1; c >= 0; c--) {
      tuple[c] = pools[c]![index % sizes[c]!]!;
      index = Math.floor(index / sizes[c]!);
    }
    return tuple;
  });
}

/** Pool size per column so the combinations number at least `ids`. */
function poolSizes(columns: ColumnDefinition[], ids: number, definition: PipelineDefinition): number[] {
  const capped = columns.map((c) => (c.type === 'boolean' && c.faker === undefined ? 2 : Infinity));
  const cappedProduct = capped.reduce((a, b) => (b === Infinity ? a : a * b), 1);
  const free = capped.filter((c) => c === Infinity).length;
  if (free === 0 && cappedProduct < ids) {
    throw new DroplineError(
      'USAGE',
      `${definition.file}: key ${columns.map((c) => c.name).join(', ')} allows only ${cappedProduct} distinct values, fewer than ids (${ids}); lower ids`,
    );
  }
  const needed = Math.ceil(ids / cappedProduct);
  let each = Math.max(1, Math.round(needed ** (1 / Math.max(free, 1))));
  while (each ** free < needed) each++;
  return capped.map((c) => (c === Infinity ? each : c));
}

function distinctValues(faker: Faker, column: ColumnDefinition, size: number, range: TimeRange, definition: PipelineDefinition): string[] {
  if (column.faker === undefined) {
    switch (column.type) {
      case 'integer':
      case 'number':
        return Array.from({ length: size }, (_, i) => String(i + 1));
      case 'boolean':
        return ['true', 'false'].slice(0, size);
      case 'date':
      case 'datetime': {
        const type = column.type;
        return Array.from({ length: size }, (_, i) => formatTime((range.fromDay + i) * 86_400_000, type, column.format));
      }
      case 'string':
        break;
    }
  }
  const next = column.faker === undefined ? () => faker.string.uuid() : makeValueGenerator(faker, column, range, definition);
  const values = new Set<string>();
  for (let attempts = 0; values.size < size && attempts < size * 20 + 100; attempts++) values.add(next());
  if (values.size < size) {
    throw new DroplineError(
      'USAGE',
      `${definition.file}: key column "${column.name}" needs ${size} distinct values but faker "${column.faker}" gave only ${values.size}; lower ids or use a method with more variety`,
      { pipeline: definition.name, file: definition.file, key: `schema.columns.${column.name}.faker` },
    );
  }
  return [...values];
}
