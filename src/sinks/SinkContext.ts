import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';

/** What every Sink is given (by injection, under TOKENS.SinkContext). */
export interface SinkContext {
  readonly definition: PipelineDefinition;
  /** This sink's `options`, checked against the class's `static options` schema, defaults filled. */
  readonly options: Record<string, unknown>;
  /** Where the sink is listed, for messages: `sinks[0]`. */
  readonly key: string;
  /** A logger carrying {pipeline, stage: 'sink', sink}. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Resolves workspace-relative paths (and refuses ones that leave it). */
  readonly workspace: Workspace;
  /** A variable's value: `--set NAME=value`, else the environment (for secrets the definition must not hold). */
  readonly variable: (name: string) => string | undefined;
  /** `sinks[n].history`: also keep every version of every row (only sink classes that declare `static publishesHistory` are given true). */
  readonly history: boolean;
  /** A folder of this sink's own beside the pipeline's snapshots (removed by `clean`). */
  readonly stateDir: string;
}
