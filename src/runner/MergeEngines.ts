import { inject, injectable } from 'inversify';
import { ENGINES, type EngineChoice, type PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { ByteEngine } from '../engine/ByteEngine.js';
import { LatestRowMerger } from '../merge/LatestRowMerger.js';
import type { Merger } from '../merge/Merger.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { Source } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { SchemaValidator } from '../validation/SchemaValidator.js';
import type { Validator } from '../validation/Validator.js';
import type { DropResult, EngineName, IngestJob } from './MergeEngine.js';
import { ReferenceEngine } from './ReferenceEngine.js';

/**
 * Picks the engine for a run: the byte engine where it applies, else the
 * reference, with the reason logged at debug level. `--engine`, then the
 * definition's `engine:`, then DROPLINE_ENGINE may ask for the reference.
 */
@injectable()
export class MergeEngines {
  constructor(
    @inject(ReferenceEngine) private readonly reference: ReferenceEngine,
    @inject(ByteEngine) private readonly bytes: ByteEngine,
    @inject(TOKENS.Validator) private readonly validator: Validator,
    @inject(TOKENS.Merger) private readonly merger: Merger,
    @inject(PipelineStore) private readonly store: PipelineStore,
  ) {}

  async ingest(job: IngestJob, requested?: EngineChoice): Promise<{ engine: EngineName; result: DropResult }> {
    const why = this.whyNotBytes(job.definition, job.source, requested ?? job.definition.engine ?? fromEnvironment());
    if (why === null) {
      const result = await this.bytes.ingest(job);
      if (result !== null) return { engine: 'bytes', result };
    } else job.log.debug(`reference engine: ${why}`);
    return { engine: 'reference', result: await this.reference.ingest(job) };
  }

  /** Why the byte engine cannot run this job, or null when it can. */
  private whyNotBytes(definition: PipelineDefinition, source: Source, choice: EngineChoice): string | null {
    if (choice === 'reference') return 'asked for (--engine, engine: or DROPLINE_ENGINE)';
    if (this.validator.constructor !== SchemaValidator) return 'a plug-in replaced the Validator';
    if (this.merger.constructor !== LatestRowMerger) return 'a plug-in replaced the Merger';
    if (!source.openCsv) return 'the source does not hand over CSV bytes (no openCsv)';
    if (this.store.latestBytes() === null) return 'the snapshot store does not hand over latest.csv bytes';
    if (definition.source.parser === 'csv-parse') return 'source.parser is csv-parse';
    if (definition.validation.extraColumns === 'keep') return 'validation.extraColumns is keep';
    return null;
  }
}

/** DROPLINE_ENGINE, checked: a typo is a usage error, not a silent default. */
function fromEnvironment(): EngineChoice {
  const value = process.env.DROPLINE_ENGINE;
  if (value === undefined || value === '') return 'auto';
  if ((ENGINES as readonly string[]).includes(value)) return value as EngineChoice;
  throw new DroplineError('USAGE', `DROPLINE_ENGINE is "${value}"; set it to ${ENGINES.join(' or ')}, or unset it`);
}
