import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DroplineError } from '../errors/DroplineError.js';

/** The workspace's own settings file, at its root. */
export const WORKSPACE_CONFIG = 'dropline.yaml';

/**
 * `<root>/dropline.yaml` as a mapping of settings, or null when there is none.
 * Each reader takes its own keys (team mode `catalog:`/`blobs:`, `alerts:`) and
 * leaves the others alone. Read synchronously: it decides how the container is wired.
 */
export function readWorkspaceConfig(root: string): Record<string, unknown> | null {
  let source: string;
  try {
    source = readFileSync(join(root, WORKSPACE_CONFIG), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DroplineError('DEFINITION_INVALID', `${WORKSPACE_CONFIG}: cannot be read: ${(err as Error).message}`, { file: WORKSPACE_CONFIG }, { cause: err });
  }
  let doc: unknown;
  try {
    doc = parse(source) ?? {};
  } catch (err) {
    throw new DroplineError('DEFINITION_INVALID', `${WORKSPACE_CONFIG}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { file: WORKSPACE_CONFIG }, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new DroplineError('DEFINITION_INVALID', `${WORKSPACE_CONFIG}: (top level) must be a mapping of settings`, { file: WORKSPACE_CONFIG, key: '(top level)' });
  return doc as Record<string, unknown>;
}
