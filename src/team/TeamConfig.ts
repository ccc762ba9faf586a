import { isAbsolute, relative, resolve } from 'node:path';
import type { ServiceIdentifier } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { readWorkspaceConfig, WORKSPACE_CONFIG } from '../workspace/readWorkspaceConfig.js';

/** The workspace's own settings file, at its root. */
export { WORKSPACE_CONFIG };

/** The workspace's team settings, bound in team mode only (teamModule). */
export const TEAM_CONFIG = Symbol.for('dropline.TeamConfig') as ServiceIdentifier<TeamConfig>;

/** Team mode's settings (`catalog:` and `blobs:` in dropline.yaml). */
export interface TeamConfig {
  catalog: {
    type: 'postgres';
    /** The environment variable holding the catalog's URL (never the URL itself: it holds a password). */
    urlEnv: string;
    /** The PostgreSQL schema dropline's tables live in. */
    schema: string;
    /** How long a run's lease lasts unless renewed; the process that runs renews it every third of this. */
    leaseSeconds: number;
  };
  blobs: {
    type: 'directory';
    /** Absolute: where every pipeline's content objects and ledgers live (`<path>/<pipeline>/`). */
    path: string;
  };
}

const IDENT = /^[a-z_][a-z0-9_]{0,40}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function invalid(key: string, message: string): DroplineError {
  return new DroplineError('DEFINITION_INVALID', `${WORKSPACE_CONFIG}: ${key} ${message}`, { file: WORKSPACE_CONFIG, key });
}

function section(doc: Record<string, unknown>, key: string, allowed: string[]): Record<string, unknown> {
  const value = doc[key] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(key, `must be a mapping (e.g. ${key}: { type: ... })`);
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw invalid(`${key}.${unknown[0]}`, `is not a setting; ${key} takes ${allowed.join(', ')}`);
  return value as Record<string, unknown>;
}

function text(value: unknown, key: string, fallback: string, pattern: RegExp, what: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(key, `must be ${what}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Team mode's settings from `<root>/dropline.yaml`, or null when the workspace
 * has no `catalog:` section there (embedded mode: state in files, as always).
 * Read synchronously: it decides how the container is wired, before anything runs.
 */
export function readTeamConfig(root: string): TeamConfig | null {
  const settings = readWorkspaceConfig(root);
  if (settings === null) return null;
  if (settings.catalog === undefined || settings.catalog === null) return null;
  const catalog = section(settings, 'catalog', ['type', 'urlEnv', 'schema', 'leaseSeconds']);
  if (catalog.type !== 'postgres') throw invalid('catalog.type', `must be postgres (the only catalog there is), got ${JSON.stringify(catalog.type)}`);
  const lease = catalog.leaseSeconds ?? 30;
  if (typeof lease !== 'number' || !Number.isFinite(lease) || lease < 1 || lease > 86_400)
    throw invalid('catalog.leaseSeconds', `must be a number of seconds from 1 to 86400, got ${JSON.stringify(lease)}`);
  const blobs = section(settings, 'blobs', ['type', 'path']);
  if ((blobs.type ?? 'directory') !== 'directory') throw invalid('blobs.type', `must be directory (the only blob store there is), got ${JSON.stringify(blobs.type)}`);
  const path = text(blobs.path, 'blobs.path', 'blobs', /^.+$/, 'a folder path');
  const full = resolve(root, path);
  const rel = relative(resolve(root), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw invalid('blobs.path', `"${path}" must be a folder inside the workspace ${root} (a shared mount there in a real team)`);
  return {
    catalog: {
      type: 'postgres',
      urlEnv: text(catalog.urlEnv, 'catalog.urlEnv', 'DROPLINE_CATALOG_URL', ENV_NAME, 'the name of an environment variable'),
      schema: text(catalog.schema, 'catalog.schema', 'dropline', IDENT, 'a lower-case SQL name (letters, digits, _)'),
      leaseSeconds: lease,
    },
    blobs: { type: 'directory', path: full },
  };
}
