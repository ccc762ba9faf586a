import { definitionError } from '../errors/definitionError.js';
import { DroplineError } from '../errors/DroplineError.js';
import { didYouMean } from '../util/didYouMean.js';
import { keysOf, type ChoiceRule, type MappingRule, type TextRule } from './Rule.js';

type Plain = Record<string, unknown>;

/**
 * Reads one mapping of a definition file with messages that name the file and
 * the dotted key: `pipelines/demo.yaml: source.typ is not a known key; ...`.
 */
export class Fields {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: Plain,
  ) {}

  static of(file: string, path: string, value: unknown): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw Fields.error(file, path, `must be a mapping of keys to values, got ${describe(value)}`);
    }
    return new Fields(file, path, value as Plain);
  }

  static error(file: string, path: string, problem: string): DroplineError {
    return definitionError(file, path, problem);
  }

  key(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  fail(name: string, problem: string): DroplineError {
    return Fields.error(this.file, this.key(name), problem);
  }

  /** Refuses keys outside `known`, suggesting the nearest. */
  onlyKeys(known: readonly string[]): this {
    const [first] = this.unknownKeys(known);
    if (first) throw first;
    return this;
  }

  /** One error per key outside `known`, each suggesting the nearest. */
  unknownKeys(known: readonly string[]): DroplineError[] {
    return Object.keys(this.value)
      .filter((name) => !known.includes(name))
      .map((name) => this.fail(name, `is not a known key${didYouMean(name, known)} (known: ${known.join(', ')})`));
  }

  /** Refuses keys the mapping's rule does not list. */
  onlyKeysOf(rule: MappingRule): this {
    const [first] = this.unknownKeysOf(rule);
    if (first) throw first;
    return this;
  }

  /** One error per key the mapping's rule does not list. */
  unknownKeysOf(rule: MappingRule): DroplineError[] {
    const known = keysOf(rule);
    const hint = rule.strayKeyHint;
    if (hint === undefined) return this.unknownKeys(known);
    return Object.keys(this.value)
      .filter((name) => !known.includes(name))
      .map((name) => this.fail(name, `is not a known key (known: ${known.join(', ')}); ${hint.replace('{key}', name)}`));
  }

  /** Text by its rule: required (with its hint) or its default. */
  text(name: string, rule: TextRule & ({ required: string } | { default: string })): string;
  text(name: string, rule: TextRule): string | undefined;
  text(name: string, rule: TextRule): string | undefined {
    return rule.required !== undefined ? this.requiredString(name, rule.required) : this.string(name, rule.default as string);
  }

  /** One of the rule's values, or its default. */
  choice<T extends string>(name: string, rule: ChoiceRule & { values: readonly T[]; default: T }): T {
    return this.oneOf(name, rule.values, rule.default);
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string' && typeof v !== 'number') throw this.fail(name, `must be text, got ${describe(v)}`);
    return String(v);
  }

  requiredString(name: string, hint: string): string {
    const v = this.string(name);
    if (v === undefined || v.trim() === '') throw this.fail(name, `is required: ${hint}`);
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw this.fail(name, `must be true or false, got ${describe(v)}`);
    return v;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const v = this.value[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw this.fail(name, `must be a number from ${min} to ${max}, got ${describe(v)}`);
    }
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.string(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      throw this.fail(name, `"${v}" is not allowed${didYouMean(v, allowed)} (allowed: ${allowed.join(', ')})`);
    }
    return v as T;
  }

  stringList(name: string): string[] | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) {
      throw this.fail(name, `must be a name or a list of names, got ${describe(v)}`);
    }
    return v as string[];
  }

  child(name: string): Fields | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    return Fields.of(this.file, this.key(name), v);
  }

  requiredChild(name: string, hint: string): Fields {
    const child = this.child(name);
    if (!child) throw this.fail(name, `is required: ${hint}`);
    return child;
  }

  mapping(name: string): Plain | undefined {
    return this.child(name)?.value;
  }
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
