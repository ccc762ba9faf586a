import { didYouMean } from '../util/didYouMean.js';
import { definitionError } from '../errors/definitionError.js';

export type OptionType = 'string' | 'number' | 'integer' | 'boolean' | 'string[]';

/** One option a source (or sink) accepts under `options:` in a definition. */
export interface OptionSpec {
  type: OptionType;
  required?: boolean;
  default?: unknown;
  description?: string;
}

/** What a plug-in class declares as `static options`: its option names and their specs. */
export type OptionsSchema = Record<string, OptionSpec>;

function typeOk(type: OptionType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/**
 * Checks `options` against `schema` and fills defaults. Errors name the file,
 * the key (`source.options.url`) and what is expected.
 */
export function validateOptions(schema: OptionsSchema, options: Record<string, unknown>, file: string, prefix: string): Record<string, unknown> {
  const fail = (key: string, problem: string) => definitionError(file, `${prefix}.${key}`, problem);
  const known = Object.keys(schema);
  for (const key of Object.keys(options)) {
    if (!(key in schema)) throw fail(key, `is not an option of this type${didYouMean(key, known)} (options: ${known.join(', ') || 'none'})`);
  }
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const value = options[key] ?? spec.default;
    if (value === undefined) {
      if (spec.required) throw fail(key, `is required${spec.description ? `: ${spec.description}` : ''}`);
      continue;
    }
    if (!typeOk(spec.type, value)) throw fail(key, `must be ${spec.type === 'string[]' ? 'a list of strings' : `a ${spec.type}`}, got ${JSON.stringify(value)}`);
    result[key] = value;
  }
  return result;
}
