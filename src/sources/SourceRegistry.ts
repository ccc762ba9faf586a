import { join } from 'node:path';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { constructWithContext } from '../plugins/constructWithContext.js';
import { exportedClasses, type ModuleLoader } from '../plugins/ModuleLoader.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import { didYouMean } from '../util/didYouMean.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CsvReader } from './CsvReader.js';
import { DirectorySource } from './DirectorySource.js';
import { HttpSource } from './HttpSource.js';
import { type OptionsSchema, validateOptions } from './OptionsSchema.js';
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

const METHODS = ['list', 'open', 'acknowledge', 'quarantine'] as const;

/**
 * Knows every source `type` (built-in, added by plug-ins, or named by
 * `source.module`) and builds the one a definition names: options checked
 * against the class's schema, then constructed by a container that injects
 * the SourceContext and the shared services.
 */
@injectable()
export class SourceRegistry implements SourceFactory {
  private readonly types = new Map<string, SourceClass>();

  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.CsvReader) private readonly csv: CsvReader,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.ModuleLoader) private readonly modules: ModuleLoader,
    @multiInject(TOKENS.SourceType) @optional() plugins: SourceType[] = [],
  ) {
    this.types.set('directory', DirectorySource);
    this.types.set('http', HttpSource);
    this.types.set('xlsx', XlsxSource);
    for (const p of plugins) this.types.set(p.type, p.source);
  }

  knownTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  async create(definition: PipelineDefinition): Promise<Source> {
    const where = definition.source.module ? `source.module "${definition.source.module}"` : `source.type "${definition.source.type}"`;
    const cls = definition.source.module ? await this.fromModule(definition) : this.types.get(definition.source.type);
    if (!cls) {
      const known = this.knownTypes();
      throw new DroplineError(
        'DEFINITION_INVALID',
        `${this.workspace.display(definition.file)}: source.type "${definition.source.type}" is not known${didYouMean(definition.source.type, known)} (known: ${known.join(', ')}; or name your own class with source.module)`,
        { key: 'source.type', pipeline: definition.name },
      );
    }
    const options = validateOptions(cls.options ?? {}, definition.source.options, this.workspace.display(definition.file), 'source.options');
    const source = this.construct(cls, this.contextFor(definition, options));
    const missing = METHODS.filter((m) => typeof (source as unknown as Record<string, unknown>)[m] !== 'function');
    if (missing.length > 0) {
      throw new DroplineError(
        'PLUGIN_INVALID',
        `${this.workspace.display(definition.file)}: ${where}: class ${cls.name} does not implement Source (missing: ${missing.join(', ')}); extend BaseSource from "dropline-cli"`,
        { key: 'source', pipeline: definition.name },
      );
    }
    return source;
  }

  private async fromModule(definition: PipelineDefinition): Promise<SourceClass> {
    const file = this.workspace.display(definition.file);
    const module = await this.modules.import(definition.source.module!, 'source.module', file);
    const classes = exportedClasses(module);
    const chosen = classes.find(([name]) => name === 'default') ?? (classes.length === 1 ? classes[0] : undefined);
    if (!chosen) {
      const names = classes.map(([n]) => n).join(', ') || 'none';
      throw new DroplineError('PLUGIN_INVALID', `${file}: source.module "${definition.source.module}" must export its Source class as default (classes exported: ${names})`, {
        key: 'source.module',
        pipeline: definition.name,
      });
    }
    return chosen[1] as SourceClass;
  }

  private contextFor(definition: PipelineDefinition, options: Record<string, unknown>): SourceContext {
    const stateDir = join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, 'source-state');
    return { definition, options, logger: this.logger.child({ pipeline: definition.name, stage: 'source' }), clock: this.clock, workspace: this.workspace, stateDir, csv: this.csv };
  }

  /** Builds the class in a small container: the SourceContext and the shared services are injected. */
  private construct(cls: SourceClass, context: SourceContext): Source {
    return constructWithContext<Source>(cls, [TOKENS.SourceContext, context], [
      [TOKENS.Logger, context.logger],
      [TOKENS.Clock, context.clock],
      [TOKENS.Workspace, context.workspace],
      [TOKENS.CsvReader, context.csv],
    ]);
  }
}
