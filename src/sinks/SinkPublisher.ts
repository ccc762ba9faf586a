import { inject, injectable, optional } from 'inversify';
import { Alerts } from '../alerts/Alerts.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Table } from '../table/Table.js';
import { Progress } from '../util/Progress.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import type { ListedSink, PublishChanges, PublishedState } from './Sink.js';
import { publishOrigins } from './publishOrigins.js';
import { baseColumns } from './sinkColumns.js';
import { describeError, sinkFailed } from './sinkFailed.js';

/** What one sink did: published the snapshot (null: emptied), or already showed it. */
export interface SinkReport {
  key: string;
  type: string;
  snapshot: string | null;
  action: 'published' | 'current';
  rows: number;
}

/**
 * Brings a pipeline's sinks up to its newest snapshot, after the commit and
 * under the pipeline's lock: each sink says what it shows, and one that is
 * behind is given the full state to publish (and, after a run, what the run
 * changed). A sink that fails does not stop
 * the others; once all were tried, SINK_FAILED names those that failed.
 */
@injectable()
export class SinkPublisher {
  constructor(
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(Progress) private readonly progress: Progress,
    @inject(Alerts) @optional() private readonly alerts?: Alerts,
  ) {}

  /**
   * `latest`: the snapshot just committed and its table, so it need not be read
   * back, and the rows its run changed (`changes`), which a sink showing the
   * parent snapshot may publish alone.
   */
  async publish(
    definition: PipelineDefinition,
    sinks: ListedSink[],
    latest?: { snapshot: SnapshotManifest; table: Table | (() => Promise<Table>); columns?: string[]; changes?: PublishChanges },
  ): Promise<SinkReport[]> {
    if (sinks.length === 0) return [];
    const head = latest?.snapshot ?? (await this.store.open(definition).head());
    const target = head?.id ?? null;
    const failures: { listed: ListedSink; error: unknown }[] = [];
    const states = new Map<ListedSink, PublishedState>();
    for (const listed of sinks) {
      await listed.sink.published().then(
        (state) => states.set(listed, state),
        (error: unknown) => failures.push({ listed, error }),
      );
    }
    const behind = [...states].filter(([, state]) => state !== target);
    const changes = latest?.changes;
    // The whole table is read only for a sink that needs it: one that publishes the run's changes alone says so.
    const changesSuffice = ([listed, previous]: [ListedSink, PublishedState]) => listed.sink.publishesChangesAlone === true && changes !== undefined && previous === changes.since;
    const whole = async (): Promise<Table> => {
      if (latest) return typeof latest.table === 'function' ? latest.table() : latest.table;
      return head ? this.store.open(definition).readTable(head) : { columns: baseColumns(definition), rows: [] };
    };
    let loaded: Promise<Table> | null = null;
    const loadTable = (): Promise<Table> => (loaded ??= whole());
    const columnsOnly = latest?.columns ? { columns: latest.columns, rows: [] } : null;
    const snapshots = behind.length === 0 ? [] : await this.store.open(definition).list();
    const origins = publishOrigins(this.store.open(definition), head, changes);
    const reports: SinkReport[] = [];
    const publishing = behind.length > 0 ? this.progress.phase(definition.name, 'publish', behind.length, 'sinks') : undefined;
    for (const [listed, previous] of states) {
      const report = { key: listed.key, type: listed.type, snapshot: target, rows: head?.latest.rows ?? 0 };
      if (previous === target) {
        reports.push({ ...report, action: 'current' });
        continue;
      }
      try {
        const lean = columnsOnly !== null && changesSuffice([listed, previous]);
        const table = lean ? columnsOnly : await loadTable();
        await listed.sink.publish({ definition, snapshot: head, table, snapshots, previous, ...origins, ...(lean ? { loadTable } : {}) });
        reports.push({ ...report, action: 'published' });
        const published = reports.filter((r) => r.action === 'published').length;
        publishing?.(published, published * (head?.latest.rows ?? 0));
      } catch (error) {
        failures.push({ listed, error });
      }
    }
    if (failures.length > 0) {
      const failed = failures.map(({ listed, error }) => ({ key: listed.key, type: listed.type, error: describeError(error) }));
      await this.alerts?.sinkFailed(definition, target, failed);
      throw sinkFailed(definition.name, target, failures, sinks);
    }
    return reports;
  }
}
