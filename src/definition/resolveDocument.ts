import { definitionError } from '../errors/definitionError.js';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { DroplineError } from '../errors/DroplineError.js';

type Doc = Record<string, unknown>;
const isMapping = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface VariableSources {
  /** `--set NAME=value`: wins over everything. */
  set: Record<string, string>;
  /**
   * The environment: fills only names no `vars:` (own or inherited) sets, so a
   * shell variable cannot point one client's pipeline at another's folders.
   */
  env: Record<string, string | undefined>;
}

/** Mappings merge key by key; lists and values in `over` replace those in `base`. */
export function deepMerge(base: Doc, over: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMapping(v) && isMapping(out[k]) ? deepMerge(out[k] as Doc, v) : v;
  return out;
}

async function readYaml(file: string, display: (f: string) => string): Promise<Doc> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new DroplineError('DEFINITION_NOT_FOUND', `${display(file)}: cannot read: ${(err as Error).message}`, { file: display(file) }, { cause: err });
  }
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}` : '';
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new DroplineError('DEFINITION_INVALID', `${display(file)}${where}: not valid YAML: ${why}`, { file: display(file) }, { cause: err });
  }
  if (!isMapping(doc)) throw new DroplineError('DEFINITION_INVALID', `${display(file)}: must be a mapping of keys to values`, { file: display(file) });
  return doc;
}

/** Reads a definition file with its `extends:` chain merged in (the base's `name` and `template` are not inherited). */
/** Parsed files by path, shared by the definitions read together (a base is read once for all that extend it). */
export type YamlCache = Map<string, Promise<Doc>>;

async function withBases(file: string, display: (f: string) => string, stack: string[], cache?: YamlCache): Promise<Doc> {
  let reading = cache?.get(file);
  if (reading === undefined) {
    reading = readYaml(file, display);
    cache?.set(file, reading);
  }
  const doc = await reading;
  const { extends: base, ...own } = doc;
  if (base === undefined) return own;
  if (typeof base !== 'string') throw definitionError(display(file), 'extends', 'must be a file name, e.g. extends: base.yaml');
  const baseFile = resolve(dirname(file), base);
  if (stack.includes(baseFile)) {
    throw definitionError(display(file), 'extends', `"${base}" makes a cycle (${[...stack, baseFile].map(display).join(' -> ')})`);
  }
  const { name: _n, template: _t, ...inherited } = await withBases(baseFile, display, [...stack, baseFile], cache);
  return deepMerge(inherited, own);
}

const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function substitute(value: unknown, path: string, lookup: (name: string) => string | undefined, fail: (path: string, name: string) => never): unknown {
  if (typeof value === 'string') {
    return value.replace(VARIABLE, (match, name: string | undefined, fallback: string | undefined) => {
      if (name === undefined) return '${';
      return lookup(name) ?? fallback ?? fail(path, name);
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, `${path}[${i}]`, lookup, fail));
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, path ? `${path}.${k}` : k, lookup, fail)]));
  return value;
}

/**
 * A definition file as written: its `extends:` chain merged, `${variables}`
 * left as they are (to tell what the file itself says from what the
 * environment filled in).
 */
export function readWithBases(file: string, display: (f: string) => string = (f) => f): Promise<Doc> {
  return withBases(file, display, [file]);
}

/**
 * A definition file as data: YAML read, `extends:` merged, `${NAME}` and
 * `${NAME:-default}` replaced from --set, the file's `vars:` block (its
 * own and inherited) and the environment (in that order); `$${` writes a literal `${`.
 */
export async function resolveDocument(file: string, display: (f: string) => string, sources: VariableSources, cache?: YamlCache): Promise<Doc> {
  const { vars, ...doc } = await withBases(file, display, [file], cache);
  // A template is filled in by the pipelines that extend it, not on its own.
  if (doc.template === true) return doc;
  if (vars !== undefined && (!isMapping(vars) || Object.values(vars).some((v) => typeof v !== 'string' && typeof v !== 'number'))) {
    throw definitionError(display(file), 'vars', 'must be a mapping of names to text, e.g. vars: { CLIENT: acme }');
  }
  const fileVars = (vars ?? {}) as Record<string, string | number>;
  const lookup = (name: string): string | undefined => sources.set[name] ?? (fileVars[name] === undefined ? undefined : String(fileVars[name])) ?? sources.env[name];
  const fail = (path: string, name: string): never => {
    throw definitionError(
      display(file),
      path,
      `uses \${${name}}, which is not set; set it in the environment, under vars:, or with --set ${name}=value (or write \${${name}:-default})`,
    );
  };
  return substitute(doc, '', lookup, fail) as Doc;
}
