import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { deepMerge } from '../definition/resolveDocument.js';

type Doc = Record<string, unknown>;

/**
 * A definition file as written: its `extends:` chain merged, `${variables}`
 * left as they are. For telling what the file itself says from what the
 * environment filled in. Files the loader already read cleanly; anything odd
 * yields what could be read.
 */
export async function readRawDefinition(file: string, seen: string[] = []): Promise<Doc> {
  const doc = parse(await readFile(file, 'utf8')) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return {};
  const { extends: base, ...own } = doc as Doc;
  if (typeof base !== 'string') return own;
  const baseFile = resolve(dirname(file), base);
  if (seen.includes(baseFile)) return own;
  const { name: _n, template: _t, ...inherited } = await readRawDefinition(baseFile, [...seen, file]);
  return deepMerge(inherited, own);
}
