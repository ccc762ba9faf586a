import type { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { Workspace } from '../workspace/Workspace.js';

/**
 * The pipeline a scope is about: its definition, loaded once by openPipeline,
 * the workspace its paths resolve in, and a logger whose lines carry
 * `{pipeline}`. Bound by class in the pipeline's child container.
 */
export class PipelineContext {
  private checked?: Promise<PipelineDefinition>;
  readonly logger: Logger;

  constructor(
    readonly definition: PipelineDefinition,
    readonly workspace: Workspace,
    logger: Logger,
    private readonly definitions: DefinitionLoader,
  ) {
    this.logger = logger.child({ pipeline: definition.name });
  }

  get name(): string {
    return this.definition.name;
  }

  /** The definition, refused (DEFINITION_INVALID) when its paths are wrong or clash with another pipeline's: for commands that change things. */
  check(): Promise<PipelineDefinition> {
    this.checked ??= this.definitions.check(this.definition).then(() => this.definition);
    return this.checked;
  }

  /** A path of the definition, resolved inside the workspace (`key` names the setting in errors). */
  resolve(path: string, key: string): string {
    return this.workspace.resolve(path, key);
  }
}
