import { DroplineError } from '../errors/DroplineError.js';

/** Parses a whole number option: `100000`, `100_000`, `1e5`. */
export function parseCount(option: string, min = 1): (value: string) => number {
  return (value: string) => {
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) {
      throw new DroplineError('USAGE', `${option} takes a whole number of at least ${min}, got "${value}"`);
    }
    return n;
  };
}
