import { AS_OF_FORMS, parseAsOf } from '../query/parseAsOf.js';
import { HttpError } from './HttpError.js';

/** A request's query string, read through checks that turn every bad value into a 400 saying what is allowed. */
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  /** Refuses parameters other than `allowed`. */
  only(allowed: readonly string[]): this {
    for (const name of new Set(this.params.keys())) {
      if (!allowed.includes(name)) {
        const known = allowed.length > 0 ? `known here: ${allowed.join(', ')}` : 'this endpoint takes none';
        throw HttpError.badRequest(`unknown parameter "${name}" (${known})`);
      }
    }
    return this;
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  /** A parameter given at most once. */
  one(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) throw HttpError.badRequest(`${name} is given ${values.length} times; give it once`);
    return values[0];
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }

  /** Every parameter not in `reserved`, each given once: name -> value. */
  rest(reserved: readonly string[]): Map<string, string> {
    const result = new Map<string, string>();
    for (const name of new Set(this.params.keys())) if (!reserved.includes(name)) result.set(name, this.one(name)!);
    return result;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const text = this.one(name);
    if (text === undefined) return fallback;
    const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) throw HttpError.badRequest(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  }

  /** A snapshot reference (parseAsOf): an id, `latest`, a date or a date-time; resolveAsOf then says which snapshot, if any, it names. */
  snapshot(name: string): string | undefined {
    const text = this.one(name);
    if (text === undefined || parseAsOf(text) !== null) return text;
    throw HttpError.badRequest(`${name} must be ${AS_OF_FORMS}`);
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const text = this.one(name);
    if (text === undefined || (values as readonly string[]).includes(text)) return text as T | undefined;
    throw HttpError.badRequest(`${name} must be one of ${values.join(', ')}`);
  }
}
