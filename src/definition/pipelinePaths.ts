import { join } from 'node:path';
import type { Workspace } from '../workspace/Workspace.js';
import type { PipelineDefinition } from './PipelineDefinition.js';

/** A place a pipeline reads or writes: the setting that names it, as written, and where it resolves to. */
export interface PipelinePath {
  /** The definition key, e.g. `source.path`. */
  key: string;
  /** The value as the resolved definition says it. */
  value: string;
  /** Absolute. */
  absolute: string;
}

/** Every place a pipeline reads or writes in the workspace. */
export interface PipelinePaths {
  /** The file latest.csv is written to. */
  output: PipelinePath;
  /** The drop and the archive: only for sources that read `source.path` (a custom source's folders are its own business). */
  drop?: PipelinePath;
  archive?: PipelinePath;
  rejects: PipelinePath;
  quarantine: PipelinePath;
  /** `<snapshots.path>/<pipeline>`: the pipeline's own snapshot folder. */
  snapshots: PipelinePath;
}

/** Where a pipeline reads and writes, resolved inside the workspace. */
export function pipelinePaths(definition: PipelineDefinition, workspace: Workspace): PipelinePaths {
  const at = (key: string, value: string): PipelinePath => ({ key, value, absolute: workspace.resolve(value, key) });
  const { source, validation } = definition;
  const snapshotsRoot = at('snapshots.path', definition.snapshots.path);
  return {
    output: at('output.path', definition.output.path),
    ...(source.path !== '' ? { drop: at('source.path', source.path), archive: at('source.archive', source.archive) } : {}),
    rejects: at('validation.rejects', validation.rejects),
    quarantine: at('validation.quarantine', validation.quarantine),
    snapshots: { ...snapshotsRoot, absolute: join(snapshotsRoot.absolute, definition.name) },
  };
}
