import { join } from 'node:path';
import { inject, injectable, multiInject, optional } from 'inversify';
import type { PipelineDefinition, SinkDefinition } from '../definition/PipelineDefinition.js';
import { definitionError } from '../errors/definitionError.js';
import type { Logger } from '../logging/Logger.js';
import { constructWithContext } from '../plugins/constructWithContext.js';
import type { ModuleLoader } from '../plugins/ModuleLoader.js';
import { PluginRegistry } from '../plugins/PluginRegistry.js';
import { type OptionsSchema, validateOptions } from '../plugins/OptionsSchema.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import { sha256 } from '../util/sha256.js';
import type { Workspace } from '../workspace/Workspace.js';
import { PostgresSink } from './PostgresSink.js';
import type { ListedSink, Sink, SinkFactory } from './Sink.js';
import type { SinkContext } from './SinkContext.js';
import { SqliteSink } from './SqliteSink.js';

/**
 * A Sink class: constructed by the container, optionally declaring `static options`,
 * `static defaults(definition)`, the option values that depend on the pipeline
 * (written out by `show-definition`), and `static publishesHistory`, true when it
 * keeps every version of every row given `history: true`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SinkClass = (new (...args: any[]) => Sink) & {
  options?: OptionsSchema;
  defaults?: (definition: PipelineDefinition) => Record<string, unknown>;
  publishesHistory?: boolean;
};

/** A sink type a plug-in adds: `bind(TOKENS.SinkType).toConstantValue({ type: 'my-api', sink: MyApiSink })`. */
export interface SinkType {
  type: string;
  sink: SinkClass;
}

/**
 * Knows every sink `type` (built-in, added by plug-ins, or named by
 * `sinks[n].module`) and builds the ones a definition lists: options checked
 * against each class's schema, constructed with a SinkContext, then asked to
 * `check()` what the schema cannot, all before anything changes.
 */
@injectable()
export class SinkRegistry implements SinkFactory {
  private readonly types: PluginRegistry<SinkClass>;

  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.ModuleLoader) modules: ModuleLoader,
    @inject(TOKENS.Variables) private readonly variables: Record<string, string>,
    @multiInject(TOKENS.SinkType) @optional() plugins: SinkType[] = [],
  ) {
    this.types = new PluginRegistry<SinkClass>({ name: 'Sink', base: 'BaseSink', methods: ['published', 'publish'] }, modules);
    this.types.register('sqlite', SqliteSink);
    this.types.register('postgres', PostgresSink);
    for (const p of plugins) this.types.register(p.type, p.sink);
  }

  knownTypes(): string[] {
    return this.types.knownTypes();
  }

  async create(definition: PipelineDefinition): Promise<ListedSink[]> {
    const listed: ListedSink[] = [];
    for (const [index, entry] of (definition.sinks ?? []).entries()) listed.push(await this.build(definition, entry, index));
    return listed;
  }

  /** The sinks as the definition lists them, every option's default written out; nothing is constructed or checked. */
  async withDefaults(definition: PipelineDefinition): Promise<SinkDefinition[]> {
    const file = this.workspace.display(definition.file);
    const resolved: SinkDefinition[] = [];
    for (const [index, entry] of (definition.sinks ?? []).entries()) {
      const cls = await this.classFor(definition, entry, `sinks[${index}]`);
      const options = validateOptions(cls.options ?? {}, entry.options, file, `sinks[${index}].options`);
      const derived = Object.entries(cls.defaults?.(definition) ?? {}).filter(([k]) => options[k] === undefined);
      resolved.push({ ...entry, options: { ...options, ...Object.fromEntries(derived) } });
    }
    return resolved;
  }

  /** Every problem of the sinks a definition lists, one per sink, found as `create` finds them (nothing connected). */
  async check(definition: PipelineDefinition): Promise<unknown[]> {
    const problems: unknown[] = [];
    for (const [index, entry] of (definition.sinks ?? []).entries()) await this.build(definition, entry, index).catch((err: unknown) => problems.push(err));
    return problems;
  }

  private async build(definition: PipelineDefinition, entry: SinkDefinition, index: number): Promise<ListedSink> {
    const key = `sinks[${index}]`;
    const cls = await this.classFor(definition, entry, key);
    const file = this.workspace.display(definition.file);
    const options = validateOptions(cls.options ?? {}, entry.options, file, `${key}.options`);
    if (entry.history === true && cls.publishesHistory !== true) {
      const problem = `is true, but a sink of type ${entry.type} keeps no history (sqlite and postgres do); leave history out`;
      throw definitionError(file, `${key}.history`, problem, definition.name);
    }
    const sink = this.construct(cls, this.contextFor(definition, entry, key, options));
    this.types.checkImplements(sink, cls, key, key, file, definition.name);
    await sink.check?.();
    return { sink, type: entry.type, key };
  }

  private classFor(definition: PipelineDefinition, entry: SinkDefinition, key: string): Promise<SinkClass> {
    return this.types.classFor(entry, key, this.workspace.display(definition.file), definition.name);
  }

  private contextFor(definition: PipelineDefinition, entry: SinkDefinition, key: string, options: Record<string, unknown>): SinkContext {
    // State is kept per sink *as configured*: pointing a sink somewhere else makes it publish again.
    const identity = sha256(JSON.stringify([entry.type, entry.module ?? null, options])).slice(0, 16);
    const stateDir = join(
      this.workspace.resolve(definition.snapshots.path, 'snapshots.path'),
      definition.name,
      'sink-state',
      `${entry.type.replace(/[^A-Za-z0-9_.-]+/g, '_')}-${identity}`,
    );
    const logger = this.logger.child({ pipeline: definition.name, stage: 'sink', sink: key });
    const variable = (name: string): string | undefined => this.variables[name] ?? process.env[name];
    return { definition, options, key, logger, clock: this.clock, workspace: this.workspace, stateDir, variable, history: entry.history === true };
  }

  /** Builds the class in a small container: the SinkContext and the shared services are injected. */
  private construct(cls: SinkClass, context: SinkContext): Sink {
    return constructWithContext<Sink>(
      cls,
      [TOKENS.SinkContext, context],
      [
        [TOKENS.Logger, context.logger],
        [TOKENS.Clock, context.clock],
        [TOKENS.Workspace, context.workspace],
      ],
    );
  }
}
