import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { RejectStates } from '../rejects/RejectStates.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { quarantinedFiles, waitingFiles } from './dropFiles.js';
import { dropsOf } from './dropsOf.js';
import { judgeStatus } from './judgeStatus.js';
import { type LastRun, LastRunFile } from './LastRunFile.js';

export type Verdict = 'ok' | 'late' | 'volume' | 'schema' | 'failing';

/** One pipeline's status: an element of `dropline status --json` and `GET /api/status`. */
export interface StatusReport {
  pipeline: string;
  verdict: Verdict;
  /** Every problem found, most serious first, one line each; for ok, a note at most (`never ran`). */
  reasons: string[];
  /** The last drop: the files that arrived on its UTC day, when the newest arrived, the rows they held, the newest snapshot that read them. */
  lastDrop: { at: string; files: string[]; rows: number; snapshot: string } | null;
  /** How the last run ended (from the snapshots alone, for runs before dropline recorded it). */
  lastRun: LastRun | null;
  /** The newest snapshot's id. */
  snapshot: string | null;
  /** Files in the drop the next run would read; null for a source without a drop folder. */
  waiting: number | null;
  /** The pipeline's files in its quarantine folder. */
  quarantined: number;
  /** Rejected rows in the rejects files of the snapshots kept. */
  openRejects: number;
  latestRows: number | null;
  /** The cadence judged by (days), and when the next drop is due; null while not declared nor learned yet. */
  cadence: { source: 'declared' | 'learned'; everyDays: number; spreadDays: number; graceDays: number; dueAt?: string } | null;
}

/** A pipeline's runs and drops, oldest first, as the page's chart draws them (`GET /api/status` adds them to each report). */
export interface StatusHistory {
  runs: { snapshot: string; createdAt: string; read: number; inserted: number; updated: number; rejected: number }[];
  drops: { at: string; rows: number }[];
}

/**
 * Judges one pipeline as of a moment (the Clock's now, or another): reads its
 * snapshots through the store, the record of its last run, and what lies in
 * its drop and quarantine folders, and hands them to judgeStatus. What status,
 * the API and alerts use.
 */
@injectable()
export class PipelineStatus {
  constructor(
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** The status of `definition`'s pipeline at `at` (default: now); snapshots made and runs ended after `at` are left out. */
  async judge(definition: PipelineDefinition, at?: Date): Promise<StatusReport> {
    const now = at ?? this.clock.now();
    const until = (iso: string): boolean => Date.parse(iso) <= now.getTime();
    const manifests = (await this.store.open(definition).list()).filter((m) => until(m.createdAt));
    const recorded = await new LastRunFile(definition, this.workspace).read();
    const facts = {
      pipeline: definition.name,
      manifests,
      lastRun: recorded && until(recorded.at) ? recorded : null,
      waiting: await waitingFiles(definition, this.workspace),
      quarantined: await quarantinedFiles(definition, this.workspace),
      openRejects: openRejects(manifests, await RejectStates.of(definition, this.workspace)),
    };
    return judgeStatus(facts, definition.expect, now);
  }

  /** Its runs with what each read and changed, and its drops (when they arrived, their rows), oldest first: the page's chart. */
  async history(definition: PipelineDefinition): Promise<StatusHistory> {
    const manifests = await this.store.open(definition).list();
    const runs = manifests
      .filter((m) => m.kind === 'run')
      .map((m) => ({ snapshot: m.id, createdAt: m.createdAt, read: m.counts.read, inserted: m.counts.inserted, updated: m.counts.updated, rejected: m.counts.rejected }));
    return { runs, drops: dropsOf(manifests).map((d) => ({ at: new Date(d.arrivedAt).toISOString(), rows: d.rows })) };
  }

  /** The status of a pipeline whose definition cannot be loaded: failing, with why. */
  static unloadable(pipeline: string, error: string): StatusReport {
    return {
      pipeline,
      verdict: 'failing',
      reasons: [`its definition cannot be used: ${error}`],
      ...{ lastDrop: null, lastRun: null, snapshot: null, waiting: null, quarantined: 0, openRejects: 0, latestRows: null, cadence: null },
    };
  }
}

/** Rows set aside by the runs whose snapshots (and so rejects files) are kept. */
/** Rows the kept snapshots' rejects files hold, less those replayed or dismissed (`dropline rejects`; ids are `<run>:<line>`). */
function openRejects(manifests: readonly SnapshotManifest[], closed: ReadonlyMap<string, unknown>): number {
  const withRejects = new Set(manifests.filter((m) => m.rejects).map((m) => m.id));
  const closedKept = [...closed.keys()].filter((id) => withRejects.has(id.slice(0, id.indexOf(':')))).length;
  return manifests.reduce((n, m) => n + (m.rejects ? m.counts.rejected : 0), 0) - closedKept;
}
