import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Container } from 'inversify';
import { createContainer } from '../../../src/container/createContainer.js';
import { PipelineRunner } from '../../../src/runner/PipelineRunner.js';
import { PipelineContext } from '../../../src/scope/PipelineContext.js';
import { PipelineStore } from '../../../src/scope/PipelineStore.js';
import { ChangeRecords } from '../../../src/snapshots/ChangeRecords.js';
import type { EngineChoice } from '../../../src/definition/PipelineDefinition.js';
import type { EngineName } from '../../../src/runner/MergeEngine.js';
import type { RunSummary } from '../../../src/runner/RunSummary.js';
import type { Clock } from '../../../src/util/Clock.js';
import { pipelineScope } from '../pipelineScope.js';
import { RecordingLogger } from '../RecordingLogger.js';
import { TestWorkspace } from '../workspace.js';
import type { DiffRun } from './randomCase.js';
import { captureMerge, type Merged } from './captureMerge.js';
import { changesProblem, type ObservedChange } from './changesProblem.js';
import { readObject } from '../readObject.js';

/** How a workspace asks for its engine: by the definition's `engine:` key, or by RunOptions.engine (`--engine`). */
export interface EngineRequest {
  engine: EngineChoice;
  by: 'definition' | 'option';
}

/** What one run left behind, in a form two workspaces can be compared by: files as latin1 text (one character per byte), the workspace's own path written `<ws>`. */
export interface RunObservation {
  latest: string | null;
  /** The summary without durationMs, runId, snapshot and engine; or the error the run threw. */
  outcome: unknown;
  /** The run's changeset, as its snapshot's `latest.run` holds it; absent when the run merged nothing (or committed nothing), null when the engine gives none. */
  changes?: ObservedChange[] | null;
  /** What is wrong with that changeset against latest.csv and the parent's (changesProblem); absent when nothing. */
  changesProblem?: string;
  /** Contents of the rejects files, in name order (names are run ids). */
  rejects: string[];
  /** name -> content of the archive, the quarantine and what stayed in the drop. */
  folders: Record<string, Record<string, string>>;
}

/** A clock both workspaces share: each run of a sequence sees the same instant, so run ids, rejects names and quarantine reports agree. */
export class SteppedClock implements Clock {
  at = Date.UTC(2026, 0, 1);
  now(): Date {
    return new Date(this.at);
  }
}

/** A workspace holding the `diff` pipeline, run in-process through the container with one engine. */
export class EngineWorkspace {
  readonly ws: TestWorkspace;
  readonly logger = new RecordingLogger();
  private readonly container: Container;
  /** summary.engine of each run. */
  readonly engines: EngineName[] = [];

  constructor(
    definition: Record<string, unknown>,
    private readonly request: EngineRequest,
    clock: Clock,
  ) {
    this.ws = new TestWorkspace({ diff: request.by === 'definition' ? { ...definition, engine: request.engine } : definition });
    this.container = createContainer({ root: this.ws.root, logger: this.logger, clock });
  }

  async run({ files, force, tamper }: DiffRun): Promise<RunObservation> {
    for (const [name, bytes] of files) this.ws.drop(name, bytes);
    if (tamper === 'edit' && existsSync(this.ws.path('output', 'latest.csv'))) this.ws.write('output/latest.csv', 'tampered\n');
    if (tamper === 'delete') rmSync(this.ws.path('output', 'latest.csv'), { force: true });
    let outcome: unknown;
    let merged: Merged | null = null;
    let committed: { snapshot: string | null; scope: Container } | null = null;
    let scope: Container | null = null;
    try {
      scope = await pipelineScope(this.container, 'diff');
      merged = captureMerge(scope);
      const runner = scope.get(PipelineRunner);
      const running = runner.run({ force, ...(this.request.by === 'option' ? { engine: this.request.engine } : {}) });
      // A run that never ends is a failure to report with its seed, not a suite that waits forever.
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('the run did not finish within 60 s'), { code: 'HUNG' })), 60_000);
      });
      const summary = await Promise.race([running, hung]).finally(() => clearTimeout(timer));
      committed = { snapshot: summary.snapshot, scope };
      outcome = this.normalize(summary);
    } catch (err) {
      const e = err as { code?: string; message?: string; summary?: RunSummary };
      outcome = { error: e.code ?? 'not a DroplineError', message: e.message, summary: e.summary ? this.normalize(e.summary) : undefined };
      // A run that committed and then failed (a sink) still left its snapshot.
      if (scope !== null && e.summary) committed = { snapshot: e.summary.snapshot, scope };
    }
    return this.withChanges(this.observe(outcome), merged, committed);
  }

  /** The changeset the run's snapshot names (as the store wrote it), if the run merged and committed, and what is wrong with it. */
  private async withChanges(observation: RunObservation, merged: Merged | null, committed: { snapshot: string | null; scope: Container } | null): Promise<RunObservation> {
    if (merged?.latest == null || committed?.snapshot == null) return observation;
    const { latest, parent } = merged;
    const context = committed.scope.get(PipelineContext);
    const manifest = await committed.scope.get(PipelineStore).get(committed.snapshot);
    if (manifest.latest.run === undefined) return { ...observation, changes: null };
    const storeDir = join(context.workspace.resolve(context.definition.snapshots.path, 'snapshots.path'), context.definition.name);
    const records = ChangeRecords.parse(await readObject(join(storeDir, manifest.latest.run)));
    const observed = Array.from({ length: records.count }, (_, i) => {
      const origin = records.origin(i);
      return { line: records.body(i).toString('latin1'), file: this.text(origin.file), fileLine: origin.line };
    });
    const problem = changesProblem(observed, observation.latest ?? '', parent, latest.inserted + latest.updated);
    return { ...observation, changes: observed, ...(problem === null ? {} : { changesProblem: problem }) };
  }

  remove(): void {
    this.ws.remove();
  }

  private normalize(summary: RunSummary): unknown {
    const { durationMs: _d, runId, snapshot: _s, engine, ...rest } = summary;
    this.engines.push(engine);
    return JSON.parse(this.text(JSON.stringify(rest)).split(runId).join('<run>'));
  }

  private text(s: string): string {
    return s.split(this.ws.root).join('<ws>');
  }

  private observe(outcome: unknown): RunObservation {
    const read = (dir: string): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const name of this.ws.files(dir)) {
        const path = this.ws.path(dir, name);
        out[name] = statSync(path).isFile() ? this.text(readFileSync(path, 'latin1')) : '<folder>';
      }
      return out;
    };
    const rejectsDir = this.ws.path('output', 'rejects');
    const rejects = this.ws.files('output/rejects').map((n) => readFileSync(join(rejectsDir, n), 'latin1'));
    const latest = this.ws.files('output').includes('latest.csv') ? readFileSync(this.ws.path('output', 'latest.csv'), 'latin1') : null;
    return {
      latest,
      outcome,
      rejects,
      folders: { archive: read('input/processed'), quarantine: read('input/quarantine'), drop: read('input/processing') },
    };
  }
}
