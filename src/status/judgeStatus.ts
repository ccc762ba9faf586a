import type { ExpectDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { FileCount } from './dropFiles.js';
import { DAY_MS, dropsOf } from './dropsOf.js';
import { judgeLate } from './judgeLate.js';
import { judgeSchema } from './judgeSchema.js';
import { judgeVolume } from './judgeVolume.js';
import type { LastRun } from './LastRunFile.js';
import { learnCadence } from './learnCadence.js';
import type { StatusReport, Verdict } from './PipelineStatus.js';

/** What is known of a pipeline as of the moment judged. */
export interface StatusFacts {
  pipeline: string;
  /** Its snapshots made by then, oldest first. */
  manifests: readonly SnapshotManifest[];
  lastRun: LastRun | null;
  /** Null for a source without a drop folder. */
  waiting: FileCount | null;
  quarantined: FileCount;
  openRejects: number;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

/**
 * The verdict on a pipeline at `now`: failing (its last run failed), late (no
 * drop within its cadence and grace), schema (the last run's header mapping
 * differs from the previous run's), volume (the last drop's rows outside the
 * band), else ok. `reasons` lists every problem found, most serious first; for
 * ok, a note at most (`never ran`).
 */
export function judgeStatus(facts: StatusFacts, expect: ExpectDefinition | undefined, now: Date): StatusReport {
  const drops = dropsOf(facts.manifests);
  const head = facts.manifests.at(-1) ?? null;
  const found: [Verdict, string[]][] = [];
  const run = facts.lastRun;
  if (run && !run.ok) found.push(['failing', [`last run ${run.runId} failed: error[${run.error?.code ?? 'INTERNAL'}]: ${oneLine(run.error?.message ?? 'no reason recorded')}`]]);
  const cadence = learnCadence(drops, expect);
  const arrivals = [drops.at(-1)?.arrivedAt ?? null, facts.waiting?.newest ?? null, facts.quarantined.newest].filter((a): a is number => a !== null);
  const late = cadence && arrivals.length > 0 ? judgeLate(Math.max(...arrivals), now.getTime(), cadence) : null;
  if (late) found.push(['late', [late]]);
  const drift = judgeSchema(facts.manifests);
  if (drift.length > 0) found.push(['schema', drift]);
  const volume = judgeVolume(drops, expect?.volume);
  if (volume) found.push(['volume', [volume]]);
  const lastDrop = drops.at(-1);
  const lastRun = run ?? (head ? { runId: head.id, at: head.createdAt, ok: true } : null);
  return {
    pipeline: facts.pipeline,
    verdict: found[0]?.[0] ?? 'ok',
    reasons: found.length > 0 ? found.flatMap(([, r]) => r) : lastRun === null ? ['never ran'] : [],
    lastDrop: lastDrop ? { at: new Date(lastDrop.arrivedAt).toISOString(), files: lastDrop.files, rows: lastDrop.rows, snapshot: lastDrop.snapshot } : null,
    lastRun,
    snapshot: head?.id ?? null,
    waiting: facts.waiting?.files ?? null,
    quarantined: facts.quarantined.files,
    openRejects: facts.openRejects,
    latestRows: head?.latest.rows ?? null,
    cadence: cadence
      ? {
          source: cadence.source,
          everyDays: cadence.everyMs / DAY_MS,
          spreadDays: cadence.spreadMs / DAY_MS,
          graceDays: cadence.graceMs / DAY_MS,
          ...(arrivals.length > 0 ? { dueAt: new Date(Math.max(...arrivals) + cadence.everyMs).toISOString() } : {}),
        }
      : null,
  };
}
