import { sep } from 'node:path';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { pipelinePaths } from '../definition/pipelinePaths.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { RecordedPaths } from './SnapshotManifest.js';

/** The drop, archive and output a definition resolves to, as a snapshot manifest records them. */
export function recordedPaths(definition: PipelineDefinition, workspace: Workspace): RecordedPaths {
  const paths = pipelinePaths(definition, workspace);
  const shown = (absolute: string): string => workspace.display(absolute).split(sep).join('/');
  return {
    drop: paths.drop ? shown(paths.drop.absolute) : null,
    archive: paths.archive ? shown(paths.archive.absolute) : null,
    output: shown(paths.output.absolute),
  };
}
