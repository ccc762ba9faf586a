import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { PACKAGE_ROOT } from '../util/packageRoot.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { ModuleImporter } from './ModuleImporter.js';
import { RESOLVE_HOOKS_URL } from './resolveHooks.js';

const TS = new Set(['.ts', '.mts', '.cts']);
const JS = new Set(['.js', '.mjs', '.cjs']);
/** Bare imports from user modules that do not resolve fall back to resolving from dropline's own package. */
const FALLBACK_PARENT = pathToFileURL(join(PACKAGE_ROOT, 'package.json')).href;
/** Compiler settings for user TypeScript when the workspace has no tsconfig.json (decorators on). */
const USER_TSCONFIG = join(PACKAGE_ROOT, 'tsconfig.user.json');

let hooksRegistered = false;

/** Loads user modules (.ts without a build step, .js, .mjs) from the workspace. */
@injectable()
export class ModuleLoader implements ModuleImporter {
  constructor(@inject(TOKENS.Workspace) private readonly workspace: Workspace) {}

  /** Imports `path` (relative to the workspace root); `setting` and `file` name where it was asked for, for messages. */
  async import(path: string, setting: string, file: string): Promise<Record<string, unknown>> {
    const full = this.workspace.resolve(path, setting);
    const ext = extname(full);
    const fail = (why: string, cause?: unknown): DroplineError => new DroplineError('PLUGIN_INVALID', `${file}: ${setting} "${path}" ${why}`, { file, key: setting }, { cause });
    if (!TS.has(ext) && !JS.has(ext)) throw fail('must be a .ts, .mts, .js or .mjs file');
    if (!existsSync(full)) throw fail(`does not exist (looked for ${full})`);
    if (!hooksRegistered) {
      register(RESOLVE_HOOKS_URL, { data: { fallbackParent: FALLBACK_PARENT } });
      hooksRegistered = true;
    }
    try {
      if (JS.has(ext)) return (await import(pathToFileURL(full).href)) as Record<string, unknown>;
      const { tsImport } = await import('tsx/esm/api');
      const own = join(this.workspace.root, 'tsconfig.json');
      const tsconfig = existsSync(own) ? own : USER_TSCONFIG;
      return (await tsImport(pathToFileURL(full).href, { parentURL: FALLBACK_PARENT, tsconfig })) as Record<string, unknown>;
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      const cjs = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && TS.has(ext) && ext !== '.mts';
      const hint = cjs ? ' (it was loaded as CommonJS: add "type": "module" to the workspace\'s package.json, or name the file .mts)' : '';
      throw fail(`failed to load: ${why}${hint}`, err);
    }
  }
}

/** A class a plug-in module exports, before it is known to implement anything. */
type PluginClass = abstract new (...args: never[]) => unknown;

/** The classes a module exports: its default export first, then named ones. */
export function exportedClasses(module: Record<string, unknown>): [string, PluginClass][] {
  return Object.entries(module)
    .filter((entry): entry is [string, PluginClass] => typeof entry[1] === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(entry[1])))
    .sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
}
