import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { EngineName } from '../../../src/runner/MergeEngine.js';
import { EngineWorkspace, SteppedClock, type EngineRequest } from './EngineWorkspace.js';
import { firstDifference } from './firstDifference.js';
import { hasBigFile, type DiffCase } from './randomCase.js';

/** What comparing the engines on one case found: the first difference (null: none) and the engine each auto run used. */
export interface EngineComparison {
  difference: string | null;
  autoEngines: EngineName[];
}

/** Both ways of asking for an engine, in turn by seed: RunOptions for both, `engine:` for both, or one of each. */
function requests(seed: number): [EngineRequest, EngineRequest] {
  const mode = seed % 3;
  return [
    { engine: 'reference', by: mode === 0 ? 'option' : 'definition' },
    { engine: 'auto', by: mode === 1 ? 'definition' : 'option' },
  ];
}

/** Runs `run` with DROPLINE_WORKER_BYTES set to `bytes` ('0': every input of the byte engine on worker threads: key partitions, their exchange and hand-over), or as by default (null). */
async function onWorkers<T>(bytes: string | null, run: () => Promise<T>): Promise<T> {
  if (bytes === null) return run();
  process.env.DROPLINE_WORKER_BYTES = bytes;
  try {
    return await run();
  } finally {
    delete process.env.DROPLINE_WORKER_BYTES;
  }
}

/**
 * DROPLINE_WORKER_BYTES for a case: every input on the workers for a quarter of the cases (or all, with
 * DIFF_WORKERS=all); the default's 1 MB for the cases with a file over 4 MB (randomCase), so that file goes to a
 * worker beside small ones on the main thread, as in a run over 16 MB (a run under it is all on the main thread).
 */
function workerBytesFor(seed: number): string | null {
  if (seed % 4 === 3 || process.env.DIFF_WORKERS === 'all') return '0';
  return hasBigFile(seed) ? String(1 << 20) : null;
}

/**
 * Runs the case's sequence of drops in two workspaces, one with `engine: reference` and one with `auto`,
 * and compares after every run: latest.csv byte for byte, the rejects files, the summary (or error) and
 * the archive, quarantine and drop folders, and the changeset each run wrote (its snapshot's latest.run).
 */
export async function compareEngines(c: DiffCase): Promise<EngineComparison> {
  const clock = new SteppedClock();
  const [asReference, asAuto] = requests(c.seed);
  const reference = new EngineWorkspace(c.definition.yaml, asReference, clock);
  const auto = new EngineWorkspace(c.definition.yaml, asAuto, clock);
  try {
    for (let r = 0; r < c.runs.length; r++) {
      clock.at += 60_000;
      const expected = await reference.run(c.runs[r]!);
      const actual = await onWorkers(workerBytesFor(c.seed), () => auto.run(c.runs[r]!));
      if ((actual.outcome as { error?: string }).error === 'HUNG') return { difference: `run ${r + 1}: the auto run did not finish within 60 s`, autoEngines: auto.engines };
      // Equal failures prove nothing: a run may fail only as badRows: fail makes it (else the generator made an unusable case).
      const { error, message } = expected.outcome as { error?: string; message?: string };
      if (error !== undefined && error !== 'VALIDATION_FAILED') {
        return { difference: `run ${r + 1}: the reference run failed (${error}: ${message})`, autoEngines: auto.engines };
      }
      if (reference.engines.some((e) => e !== 'reference')) {
        return { difference: `run ${r + 1}: asked for the reference engine by ${asReference.by}, ran ${reference.engines.join(', ')}`, autoEngines: auto.engines };
      }
      // Each engine's changeset must be the rows of its latest.csv that are new or changed (and then the two must agree).
      const wrong = expected.changesProblem ?? actual.changesProblem;
      if (wrong !== undefined) return { difference: `run ${r + 1}: ${expected.changesProblem ? 'reference' : 'auto'} changeset: ${wrong}`, autoEngines: auto.engines };
      const difference = firstDifference(expected, actual);
      if (difference !== null) return { difference: `run ${r + 1} of ${c.runs.length}: ${difference}`, autoEngines: auto.engines };
    }
    return { difference: null, autoEngines: auto.engines };
  } finally {
    reference.remove();
    auto.remove();
  }
}

/** Writes a case as files a person can replay: `<dir>/<seed>/pipelines/diff.yaml`, each run's drop under `run-N/` and, beside it, `run-N.json` when the run is forced or latest.csv tampered with before it. */
export function dumpCase(dir: string, c: DiffCase): string {
  const root = join(dir, String(c.seed));
  mkdirSync(join(root, 'pipelines'), { recursive: true });
  writeFileSync(join(root, 'pipelines', 'diff.yaml'), stringify(c.definition.yaml));
  c.runs.forEach(({ files, force, tamper }, r) => {
    const dir = join(root, `run-${r + 1}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    if (force || tamper) writeFileSync(join(root, `run-${r + 1}.json`), JSON.stringify({ force, tamperLatest: tamper }) + '\n');
  });
  return root;
}
