import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CsvTableReader } from './CsvTableReader.js';

/** What every Source is given (by injection, under TOKENS.SourceContext). */
export interface SourceContext {
  readonly definition: PipelineDefinition;
  /** `source.options`, checked against the class's `static options` schema, defaults filled. */
  readonly options: Record<string, unknown>;
  /** A logger carrying {pipeline, stage: 'source'}. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Resolves workspace-relative paths (and refuses ones that leave it). */
  readonly workspace: Workspace;
  /** A folder of this source's own, kept beside the pipeline's snapshots: cursors, ETags, anything that must survive a crash. */
  readonly stateDir: string;
  /** The CSV reader, for sources whose inputs are CSV bytes. */
  readonly csv: CsvTableReader;
}
