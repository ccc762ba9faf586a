import { readFile } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { rowsToCsv } from '../csv/rowsToCsv.js';
import { DroplineError } from '../errors/DroplineError.js';
import { REJECT_COLUMNS } from '../runner/writeRejects.js';
import { PipelineContext } from '../scope/PipelineContext.js';
import { PipelineSession } from '../scope/PipelineSession.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { stateDamaged } from '../snapshots/stateDamaged.js';
import type { CsvTableReader } from '../sources/CsvTableReader.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { ClosedReject, RejectedRow } from './RejectedRow.js';
import { RejectStates } from './RejectStates.js';
import { splitRejectedRaw } from './splitRejectedRaw.js';

/** Where a fix file's row says it came from: its `file` and `line` columns. */
export interface RowOrigin {
  file: string;
  line: number;
}

/**
 * The pipeline's rejected rows as a worklist: every row the rejects files of
 * its snapshots hold (oldest run first, in file order), each with its state;
 * export for fixing, dismiss, and marking rows replayed. States change only
 * under the pipeline's lock. Rejects of pruned snapshots go with them.
 */
@injectable()
export class RejectsWorklist {
  constructor(
    @inject(PipelineContext) private readonly context: PipelineContext,
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(RejectStates) private readonly states: RejectStates,
    @inject(TOKENS.CsvReader) private readonly csv: CsvTableReader,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async list(onlyOpen = false): Promise<RejectedRow[]> {
    const rows = await this.rows(await this.store.list());
    return onlyOpen ? rows.filter((r) => r.state === 'open') : rows;
  }

  /** CSV: the schema's columns, then `file` and `line`; one rejected row per line, its raw values split into those columns. */
  async export(onlyOpen = false): Promise<string> {
    const { definition } = this.context;
    const manifests = await this.store.list();
    const byId = new Map(manifests.map((m) => [m.id, m]));
    const rows = (await this.rows(manifests)).filter((r) => !onlyOpen || r.state === 'open');
    const header = [...definition.schema.columns.map((c) => c.name), 'file', 'line'];
    return rowsToCsv([header, ...rows.map((r) => [...splitRejectedRaw(definition, byId.get(r.run)!, r), r.file, String(r.line)])]);
  }

  /** Closes these rejects; unknown ids are refused, naming them, and nothing is closed. */
  async dismiss(ids: string[], wait = 0): Promise<RejectedRow[]> {
    return this.session.locked('dropline rejects dismiss', wait, async () => {
      const rows = await this.list();
      const known = new Map(rows.map((r) => [r.id, r]));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        const name = this.context.name;
        throw new DroplineError(
          'REJECT_NOT_FOUND',
          `pipeline ${name} has no rejected row ${unknown.join(', ')}; ids are <run>:<line> as dropline rejects list ${name} shows them`,
          { pipeline: name },
        );
      }
      const at = this.clock.now().toISOString();
      await this.states.close(new Map(ids.map((id) => [id, { state: 'dismissed', at } satisfies ClosedReject])));
      return ids.map((id) => ({ ...known.get(id)!, state: 'dismissed' as const, at }));
    });
  }

  /**
   * Marks the open rejects a replayed fix file carried as `replayed` by the replay snapshot that holds it (whose
   * content hash is `sha256`): each row is matched by its `file` and `line` to the open rejects with the same,
   * oldest run first, one each (the order `export` wrote them in). Done once per replay snapshot; call under the lock.
   */
  async markReplayed(origins: RowOrigin[], sha256: string): Promise<number> {
    const manifests = await this.store.list();
    const by = manifests.findLast((m) => m.kind === 'replay' && m.files.some((f) => f.sha256 === sha256))?.id;
    if (by === undefined || [...(await this.states.read()).values()].some((s) => s.by === by)) return 0;
    const queues = new Map<string, RejectedRow[]>();
    for (const r of await this.rows(manifests)) {
      if (r.state !== 'open' || r.run === by) continue;
      const key = `${r.file}\u0000${r.line}`;
      queues.set(key, [...(queues.get(key) ?? []), r]);
    }
    const at = this.clock.now().toISOString();
    const closed = new Map<string, ClosedReject>();
    for (const o of origins) {
      const r = queues.get(`${o.file}\u0000${o.line}`)?.shift();
      if (r) closed.set(r.id, { state: 'replayed', at, by });
    }
    await this.states.close(closed);
    return closed.size;
  }

  private async rows(manifests: SnapshotManifest[]): Promise<RejectedRow[]> {
    const states = await this.states.read();
    const rows: RejectedRow[] = [];
    for (const m of manifests) {
      if (!m.rejects) continue;
      for (const r of await this.readRejects(m.id, m.rejects)) {
        const closed = states.get(r.id);
        rows.push(closed ? { ...r, ...closed } : r);
      }
    }
    return rows;
  }

  /** One run's rejects file; a file that is gone (removed by hand) has no rows, and is logged. */
  private async readRejects(run: string, shown: string): Promise<RejectedRow[]> {
    const { name } = this.context;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.context.resolve(shown, 'validation.rejects'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.context.logger.warn(`the rejects file ${shown} of snapshot ${run} is gone: its rows are not listed`, { pipeline: name });
      return [];
    }
    const table = this.csv.read(bytes, ',', shown);
    if (table.header.join(',') !== REJECT_COLUMNS.join(','))
      throw stateDamaged(shown, `the rejects file of snapshot ${run} does not start with ${REJECT_COLUMNS.join(',')}`, 'restore it as dropline wrote it', name);
    const rows: RejectedRow[] = [];
    for await (const batch of table.rows)
      for (const { line, fields } of batch) {
        const [file = '', at = '', code = '', message = '', raw = ''] = fields;
        rows.push({ id: `${run}:${line}`, run, file, line: Number(at), code, message, raw, state: 'open' });
      }
    return rows;
  }
}
