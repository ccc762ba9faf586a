import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { coercerFor } from '../validation/coercers/coercerFor.js';

/**
 * Key values as a user types them, in the canonical text latest.csv holds
 * (`007` for an integer key is `7`), one per key column; a value the column's
 * coercer refuses is kept as typed (it then matches no row).
 */
export function canonicalKey(definition: PipelineDefinition, values: string[]): string[] {
  const { key, columns } = definition.schema;
  if (values.length !== key.length) {
    throw new DroplineError(
      'USAGE',
      `pipeline ${definition.name} has ${key.length} key column(s) (${key.join(', ')}): give one value for each, in that order; got ${values.length}`,
      {
        pipeline: definition.name,
      },
    );
  }
  return key.map((name, i) => {
    const column = columns.find((c) => c.name === name)!;
    const canonical = coercerFor(column.type)(values[i]!, column);
    return typeof canonical === 'string' ? canonical : values[i]!;
  });
}
