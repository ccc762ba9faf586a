import { inject, injectable } from 'inversify';
import { PipelineSession } from '../scope/PipelineSession.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { IgnoredInput } from '../sources/Source.js';
import type { HeaderMatch, RowReject } from '../validation/Validator.js';
import { InputIngestor } from './InputIngestor.js';

/** How many rejects per file `validate` shows. */
export const SAMPLE_REJECTS = 5;

export interface FileReport {
  file: string;
  status: 'ok' | 'rejects' | 'quarantine' | 'skip';
  /** For quarantine: why; for skip: which ingested file had the same content. */
  reason?: { code: string; message: string };
  matches: Omit<HeaderMatch, 'index'>[];
  extras: { header: string; action: string }[];
  rows: number;
  rejected: number;
  rejects: Omit<RowReject, 'file'>[];
}

export interface ValidationReport {
  pipeline: string;
  files: FileReport[];
  /** What the drop holds that a run would not read, with why (`files` is the list of inputs, so this sits beside it). */
  ignored: IgnoredInput[];
  rows: { read: number; valid: number; rejected: number };
}

/** `dropline validate`: the validation stage over the current drop, changing nothing; the sinks checked as a run checks them. */
@injectable()
export class DropInspector {
  constructor(
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(InputIngestor) private readonly ingestor: InputIngestor,
  ) {}

  async inspect(): Promise<ValidationReport> {
    const { definition, logger } = this.session.context;
    const source = await this.session.openSource();
    // The sinks a run would publish to, checked as the run checks them (nothing connected): a typo fails here, not at run.
    await this.session.openSinks();
    const head = await this.store.head();
    const ledger = new Map((await this.store.readLedger(head)).map((e) => [e.sha256, e.name] as const));
    const log = logger.child({ stage: 'validate' });
    const files: FileReport[] = [];
    for (const input of await source.list()) {
      const sample: RowReject[] = [];
      const outcome = await this.ingestor.ingest(
        definition,
        source,
        input,
        ledger,
        { onRow: () => undefined, onReject: (r) => sample.length < SAMPLE_REJECTS && sample.push(r) },
        log,
      );
      const base = { file: input.name, matches: [], extras: [], rows: 0, rejected: 0, rejects: [] };
      if (outcome.kind === 'quarantined') files.push({ ...base, status: 'quarantine', reason: outcome.reason });
      else if (outcome.kind === 'skipped') files.push({ ...base, status: 'skip', reason: { code: 'ALREADY_INGESTED', message: `same content as ${outcome.previous}` } });
      else {
        ledger.set(outcome.sha256, input.name);
        files.push({
          ...base,
          status: outcome.rejected > 0 ? 'rejects' : 'ok',
          matches: (outcome.mapping?.matches ?? []).map(({ index: _i, ...m }) => m),
          extras: (outcome.mapping?.extras ?? []).map(({ header, action }) => ({ header, action })),
          rows: outcome.rows,
          rejected: outcome.rejected,
          rejects: sample.map(({ file: _f, ...r }) => r),
        });
      }
    }
    const read = files.reduce((n, f) => n + f.rows, 0);
    const rejected = files.reduce((n, f) => n + f.rejected, 0);
    return { pipeline: definition.name, files, ignored: source.ignored?.() ?? [], rows: { read, valid: read - rejected, rejected } };
  }
}
