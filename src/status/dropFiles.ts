import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { patternRules } from '../sources/patternRules.js';
import { scanDrop } from '../sources/scanDrop.js';
import type { Workspace } from '../workspace/Workspace.js';

/** Files of one kind a pipeline has lying about, and when the newest of them was last modified (ms; null: none known). */
export interface FileCount {
  files: number;
  newest: number | null;
}

const ERROR_JSON = '.error.json';

async function newestOf(paths: string[]): Promise<number | null> {
  let newest: number | null = null;
  for (const p of paths) {
    const mtime = await lstat(p).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (mtime !== null && (newest === null || mtime > newest)) newest = mtime;
  }
  return newest;
}

/**
 * The files waiting in a pipeline's drop (those the next run would read, as
 * `source.pattern` says), without reading or moving any; null for a source
 * without a drop folder (http, custom sources).
 */
export async function waitingFiles(definition: PipelineDefinition, workspace: Workspace): Promise<FileCount | null> {
  const { source, validation } = definition;
  if (source.path === '') return null;
  const drop = workspace.resolve(source.path, 'source.path');
  const own = new Set([workspace.resolve(source.archive, 'source.archive'), workspace.resolve(validation.quarantine, 'validation.quarantine')]);
  const rules = { ...patternRules(source, source.compression === 'auto', workspace.root), own };
  const scan = await scanDrop(drop, rules).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!scan) return { files: 0, newest: null };
  return { files: scan.names.length, newest: await newestOf(scan.names.map((n) => join(drop, n))) };
}

/** A quarantine report's JSON; null when it is not JSON (it then names no pipeline). */
function parseReport(text: string): { pipeline?: unknown } | null {
  try {
    return JSON.parse(text) as { pipeline?: unknown };
  } catch {
    return null;
  }
}

/**
 * The pipeline's files in its quarantine folder: those whose `<file>.error.json`
 * names this pipeline (the folder may be shared), newest by the file's mtime.
 */
export async function quarantinedFiles(definition: PipelineDefinition, workspace: Workspace): Promise<FileCount> {
  const dir = workspace.resolve(definition.validation.quarantine, 'validation.quarantine');
  const names = await readdir(dir).catch(() => [] as string[]);
  const mine: string[] = [];
  for (const name of names) {
    if (!name.endsWith(ERROR_JSON)) continue;
    const report = await readFile(join(dir, name), 'utf8').then(parseReport, () => null);
    if (report?.pipeline === definition.name) mine.push(join(dir, name.slice(0, -ERROR_JSON.length)));
  }
  return { files: mine.length, newest: await newestOf(mine) };
}
