import { join } from 'node:path';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import { constructWithContext } from '../plugins/constructWithContext.js';
import type { ModuleLoader } from '../plugins/ModuleLoader.js';
import { PluginRegistry } from '../plugins/PluginRegistry.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CsvTableReader } from './CsvTableReader.js';
import { DirectorySource } from './DirectorySource.js';
import { HttpSource } from './HttpSource.js';
import { type OptionsSchema, validateOptions } from '../plugins/OptionsSchema.js';
import type { Source, SourceFactory } from './Source.js';
import type { SourceContext } from './SourceContext.js';
import { XlsxSource } from './XlsxSource.js';

/** A Source class: constructed by the container, optionally declaring `static options`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SourceClass = (new (...args: any[]) => Source) & { options?: OptionsSchema };

/** A source type a plug-in adds: `bind(TOKENS.SourceType).toConstantValue({ type: 'my-api', source: MyApiSource })`. */
export interface SourceType {
  type: string;
  source: SourceClass;
}

/**
 * Knows every source `type` (built-in, added by plug-ins, or named by
 * `source.module`) and builds the one a definition names: options checked
 * against the class's schema, then constructed by a container that injects
 * the SourceContext and the shared services.
 */
@injectable()
export class SourceRegistry implements SourceFactory {
  private readonly types: PluginRegistry<SourceClass>;

  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.CsvReader) private readonly csv: CsvTableReader,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.ModuleLoader) modules: ModuleLoader,
    @multiInject(TOKENS.SourceType) @optional() plugins: SourceType[] = [],
  ) {
    this.types = new PluginRegistry<SourceClass>({ name: 'Source', base: 'BaseSource', methods: ['list', 'open', 'acknowledge', 'quarantine'] }, modules);
    this.types.register('directory', DirectorySource);
    this.types.register('http', HttpSource);
    this.types.register('xlsx', XlsxSource);
    for (const p of plugins) this.types.register(p.type, p.source);
  }

  knownTypes(): string[] {
    return this.types.knownTypes();
  }

  async create(definition: PipelineDefinition): Promise<Source> {
    const file = this.workspace.display(definition.file);
    const where = definition.source.module ? `source.module "${definition.source.module}"` : `source.type "${definition.source.type}"`;
    const cls = await this.types.classFor(definition.source, 'source', file, definition.name);
    const options = validateOptions(cls.options ?? {}, definition.source.options, file, 'source.options');
    const source = this.construct(cls, this.contextFor(definition, options));
    this.types.checkImplements(source, cls, where, 'source', file, definition.name);
    return source;
  }

  private contextFor(definition: PipelineDefinition, options: Record<string, unknown>): SourceContext {
    const stateDir = join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, 'source-state');
    return {
      definition,
      options,
      logger: this.logger.child({ pipeline: definition.name, stage: 'source' }),
      clock: this.clock,
      workspace: this.workspace,
      stateDir,
      csv: this.csv,
    };
  }

  /** Builds the class in a small container: the SourceContext and the shared services are injected. */
  private construct(cls: SourceClass, context: SourceContext): Source {
    return constructWithContext<Source>(
      cls,
      [TOKENS.SourceContext, context],
      [
        [TOKENS.Logger, context.logger],
        [TOKENS.Clock, context.clock],
        [TOKENS.Workspace, context.workspace],
        [TOKENS.CsvReader, context.csv],
      ],
    );
  }
}
