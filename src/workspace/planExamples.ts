import { dirname } from 'node:path';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { findPathClashes, type PlacedPipeline } from '../definition/findPathClashes.js';
import { pipelinePaths } from '../definition/pipelinePaths.js';
import { isInside } from '../util/isInside.js';
import { Workspace } from './Workspace.js';

export interface ExamplePlan {
  /** Example pipelines not written because they would share folders with a pipeline already there, with why. */
  skipped: Map<string, string>;
  /** Folders (absolute) no example file may be written into: those existing pipelines use, and those of skipped examples. */
  blocked: string[];
}

/** Whether `path` is one of `folders` or inside one. */
export const isBlocked = (path: string, folders: string[]): boolean => folders.some((f) => path === f || isInside(path, f));

/**
 * Which of the example pipelines in `template` can join the workspace in
 * `dir` without touching what its pipelines read or write: an example whose
 * definition file is already there, or whose folders clash with an existing
 * pipeline's, is skipped with its sample files.
 */
export async function planExamples(template: string, dir: string, exists: (path: string) => Promise<boolean>): Promise<ExamplePlan> {
  const target = new Workspace(dir);
  const existing = [...(await new DefinitionLoader(target, {}).placements()).values()];
  const blocked = existing.flatMap(({ paths }) =>
    [paths.drop, paths.archive, paths.rejects, paths.quarantine, paths.snapshots].flatMap((p) => (p ? [p.absolute] : [])).concat(dirname(paths.output.absolute)),
  );
  const skipped = new Map<string, string>();
  const examples = new DefinitionLoader(new Workspace(template), {});
  for (const name of await examples.names()) {
    const definition = await examples.load(name).catch(() => null);
    if (definition === null) continue;
    const placed: PlacedPipeline = { file: `pipelines/${name}.yaml`, paths: pipelinePaths(definition, target) };
    // The folders it reads: source.path, or a custom source's folder options.
    const folders = [definition.source.path, ...Object.values(definition.source.options)].filter((v): v is string => typeof v === 'string' && v !== '');
    const absolute = folders.map((f) => target.resolve(f));
    if (await exists(target.resolve(placed.file))) {
      // Kept as it is (init says so); what it reads now is the user's business.
      blocked.push(...absolute);
      continue;
    }
    const clash = findPathClashes(placed, existing, (f) => target.display(f))[0];
    const used = absolute.find((f) => isBlocked(f, blocked));
    const reason = clash ?? (used === undefined ? undefined : `${target.display(used)} is used by a pipeline already there`);
    if (reason === undefined) continue;
    skipped.set(name, reason);
    blocked.push(...absolute);
  }
  return { skipped, blocked };
}
