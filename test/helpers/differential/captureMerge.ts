import type { Container } from 'inversify';
import { MergeEngines } from '../../../src/runner/MergeEngines.js';
import type { MergedLatest } from '../../../src/runner/MergeEngine.js';
import { PipelineStore } from '../../../src/scope/PipelineStore.js';

/** What a run merged: the engine's MergedLatest (null until the runner finishes the merge) and the parent's latest.csv as latin1 text (null: the first run). */
export interface Merged {
  latest: MergedLatest | null;
  parent: string | null;
}

/** Watches the next run in a pipeline scope: the MergedLatest its engine hands the runner, and the latest.csv it builds on. */
export function captureMerge(scope: Container): Merged {
  const merged: Merged = { latest: null, parent: null };
  const engines = scope.get(MergeEngines);
  const ingest = engines.ingest.bind(engines);
  engines.ingest = async (job, requested) => {
    const head = job.head;
    merged.parent = head ? (await scope.get(PipelineStore).latestBytes()!.readLatestBytes(head)).toString('latin1') : null;
    const ingested = await ingest(job, requested);
    const finish = ingested.result.finish;
    if (finish !== null) ingested.result.finish = () => (merged.latest = finish());
    return ingested;
  };
  return merged;
}
