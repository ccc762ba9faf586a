import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { isNumericType } from '../definition/isNumericType.js';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareValue(numeric: boolean): (a: string, b: string) => number {
  if (!numeric) return byCodeUnit;
  return (a, b) => {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : byCodeUnit(a, b);
  };
}

/**
 * Orders rows by key ascending: numbers (integer, number keys) numerically,
 * everything else by UTF-16 code unit (locale-independent, stable across
 * machines); composite keys part by part. Takes the key values of two rows.
 */
export function keyComparator(definition: PipelineDefinition): (a: string[], b: string[]) => number {
  return partsComparator(numericKeyParts(definition));
}

/** Per key column of a definition, whether it compares as a number. */
export function numericKeyParts(definition: PipelineDefinition): boolean[] {
  return definition.schema.key.map((k) => isNumericType(definition.schema.columns.find((c) => c.name === k)!.type));
}

/** keyComparator's order for key parts of which `numeric` says which compare as numbers. */
export function partsComparator(numeric: readonly boolean[]): (a: string[], b: string[]) => number {
  const parts = numeric.map(compareValue);
  return (a, b) => {
    for (let i = 0; i < parts.length; i++) {
      const c = parts[i]!(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  };
}
