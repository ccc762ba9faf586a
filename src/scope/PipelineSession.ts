import { inject, injectable } from 'inversify';
import { PipelineLocks } from '../locking/PipelineLocks.js';
import type { ListedSink, SinkFactory } from '../sinks/Sink.js';
import type { Source, SourceFactory } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { PipelineContext } from './PipelineContext.js';
import { StoreRecovery } from './StoreRecovery.js';

/** What a locked operation works with once the prologue ran. */
export interface OpenedPipeline {
  source: Source;
  sinks: ListedSink[];
}

export interface PrologueSteps {
  /** Runs under the lock before anything moves (a paths check that may refuse). */
  before?: () => Promise<void> | void;
  /** Also archive inputs the last snapshot already holds (reset, clean). */
  archiveIngested?: boolean;
}

/**
 * The prologue every command that changes a pipeline starts with, written
 * once: take the pipeline's lock, open its source and sinks (each built once
 * per scope), recover what a crash left half done.
 */
@injectable()
export class PipelineSession {
  private source?: Promise<Source>;
  private sinks?: Promise<ListedSink[]>;

  constructor(
    @inject(PipelineContext) readonly context: PipelineContext,
    @inject(TOKENS.SourceFactory) private readonly sources: SourceFactory,
    @inject(TOKENS.SinkFactory) private readonly sinkFactory: SinkFactory,
    @inject(PipelineLocks) private readonly locks: PipelineLocks,
    @inject(StoreRecovery) private readonly recovery: StoreRecovery,
  ) {}

  /** The pipeline's source, its options checked; built once per scope. */
  openSource(): Promise<Source> {
    this.source ??= this.sources.create(this.context.definition);
    return this.source;
  }

  /** The sinks the definition lists, their options checked (nothing connected); built once per scope. */
  openSinks(): Promise<ListedSink[]> {
    this.sinks ??= this.sinkFactory.create(this.context.definition);
    return this.sinks;
  }

  /** Runs `fn` under the pipeline's lock (`<snapshots.path>/<pipeline>/lock`), waiting up to `wait` seconds for it. */
  locked<T>(command: string, wait: number, fn: () => Promise<T>): Promise<T> {
    return this.locks.with(this.context.definition, command, wait, fn);
  }

  /** Under the lock already taken: the `before` check, then source and sinks opened, then recovery. */
  async prepare(steps: PrologueSteps = {}): Promise<OpenedPipeline> {
    await steps.before?.();
    const source = await this.openSource();
    const sinks = await this.openSinks();
    await this.recovery.recover(source, Boolean(steps.archiveIngested));
    return { source, sinks };
  }

  /** The whole prologue, then `fn`: lock, `before`, source, sinks, recovery. */
  open<T>(command: string, wait: number, steps: PrologueSteps, fn: (opened: OpenedPipeline) => Promise<T>): Promise<T> {
    return this.locked(command, wait, async () => fn(await this.prepare(steps)));
  }
}
