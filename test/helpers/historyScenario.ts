import { expect } from 'chai';
import type { Container } from 'inversify';
import { PipelineHistory } from '../../src/runner/PipelineHistory.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { SinkSync } from '../../src/runner/SinkSync.js';
import type { Clock } from '../../src/util/Clock.js';
import { pipelineScope } from './pipelineScope.js';
import { csv, demoYaml, type TestWorkspace } from './workspace.js';

/** One row of `<table>_history` as the tests compare it (the demo schema's id and description, then the version). */
export interface Version {
  id: string;
  description: string | null;
  valid_from: string;
  valid_to: string | null;
  is_current: boolean;
  source_file: string | null;
  source_line: number | null;
}

/** A clock the test moves: every call gives the instant last set. */
export class StepClock implements Clock {
  private at = new Date(0);
  set(iso: string): void {
    this.at = new Date(iso);
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
}

/** The demo pipeline `shop` publishing to `sink`, with history when `history` (the default). */
export function historyPipeline(sink: Record<string, unknown>, history = true): Record<string, unknown> {
  return demoYaml({ name: 'shop', sinks: [{ ...sink, ...(history ? { history: true } : {}) }] });
}

const HEADER = ['id', 'description', 'timestamp'];
/** Run 1 inserts x (line 2) and y (line 3); run 2 inserts z (line 2) and updates x (line 3); run 3 brings an older x: nothing changes. */
export const HISTORY_DROPS: [string, string][] = [
  ['a.csv', csv([HEADER, ['x', 'x1', '2021-01-01'], ['y', 'y1', '2021-01-01']])],
  ['b.csv', csv([HEADER, ['z', 'z1', '2021-01-02'], ['x', 'x2', '2021-01-02']])],
  ['c.csv', csv([HEADER, ['x', 'x0', '2020-12-31']])],
];

const day = (n: number): string => `2026-01-0${n}T00:00:00.000Z`;
/** A version as the history table holds it: open while `to` is null. */
export function version(id: string, description: string, from: string, to: string | null, file: string | null, line: number | null): Version {
  return { id, description, valid_from: from, valid_to: to, is_current: to === null, source_file: file, source_line: line };
}

const v = (id: string, description: string, from: number, to: number | null, file: string, line: number): Version =>
  version(id, description, day(from), to === null ? null : day(to), file, line);

/** Orders versions by key, then start. */
export function byVersion(a: Version, b: Version): number {
  return a.id.localeCompare(b.id) || a.valid_from.localeCompare(b.valid_from);
}

interface Steps {
  ws: TestWorkspace;
  container: Container;
  clock: StepClock;
  /** `<table>_history`, ordered by key, then start. */
  read(): Promise<Version[]>;
}

async function runAt(s: Steps, n: number): Promise<string> {
  s.clock.set(day(n));
  return (await (await pipelineScope(s.container, 'shop')).get(PipelineRunner).run()).snapshot!;
}

/**
 * Three runs (insert, update, unchanged), a reset to the first snapshot, a
 * clean and a run that rebuilds, each on its own day; the history table is
 * compared in full after each.
 */
export async function historyScenario(s: Steps): Promise<void> {
  s.ws.drop(...HISTORY_DROPS[0]!);
  const first = await runAt(s, 1);
  expect(await s.read(), 'after the insert').to.deep.equal([v('x', 'x1', 1, null, 'a.csv', 2), v('y', 'y1', 1, null, 'a.csv', 3)]);
  s.ws.drop(...HISTORY_DROPS[1]!);
  await runAt(s, 2);
  const updated = [v('x', 'x1', 1, 2, 'a.csv', 2), v('x', 'x2', 2, null, 'b.csv', 3), v('y', 'y1', 1, null, 'a.csv', 3), v('z', 'z1', 2, null, 'b.csv', 2)];
  expect(await s.read(), 'after the update').to.deep.equal(updated);
  s.ws.drop(...HISTORY_DROPS[2]!);
  await runAt(s, 3);
  expect(await s.read(), 'after a run that changed nothing').to.deep.equal(updated);

  s.clock.set(day(4));
  await (await pipelineScope(s.container, 'shop')).get(PipelineHistory).reset(first, { reprocess: false, wait: 0 });
  const reset = [
    v('x', 'x1', 1, 2, 'a.csv', 2),
    v('x', 'x2', 2, 4, 'b.csv', 3),
    v('x', 'x1', 4, null, 'a.csv', 2),
    v('y', 'y1', 1, null, 'a.csv', 3),
    v('z', 'z1', 2, 4, 'b.csv', 2),
  ];
  expect(await s.read(), 'after the reset to the first snapshot').to.deep.equal(reset);

  s.clock.set(day(5));
  await (await pipelineScope(s.container, 'shop')).get(PipelineHistory).clean(0);
  const cleaned = [v('x', 'x1', 1, 2, 'a.csv', 2), v('x', 'x2', 2, 4, 'b.csv', 3), v('x', 'x1', 4, 5, 'a.csv', 2), v('y', 'y1', 1, 5, 'a.csv', 3), v('z', 'z1', 2, 4, 'b.csv', 2)];
  expect(await s.read(), 'after the clean').to.deep.equal(cleaned);

  await runAt(s, 6); // the clean moved a, b and c back into the drop
  const rebuilt = [...cleaned, v('x', 'x2', 6, null, 'b.csv', 3), v('y', 'y1', 6, null, 'a.csv', 3), v('z', 'z1', 6, null, 'b.csv', 2)];
  expect(await s.read(), 'after rebuilding').to.deep.equal(rebuilt.sort(byVersion));
}

/**
 * Two runs without history, then `history: true` and a sync: the history
 * starts with each current row as one open version, from when the snapshot
 * that brought it was made; the next run goes on from there.
 */
export async function historyLaterScenario(s: Steps, sink: Record<string, unknown>): Promise<void> {
  s.ws.writeDefinition('shop', historyPipeline(sink, false));
  s.ws.drop(...HISTORY_DROPS[0]!);
  await runAt(s, 1);
  s.ws.drop(...HISTORY_DROPS[1]!);
  await runAt(s, 2);
  s.ws.writeDefinition('shop', historyPipeline(sink));
  s.clock.set(day(3));
  const synced = await (await pipelineScope(s.container, 'shop')).get(SinkSync).sync(0);
  expect(synced.map((r) => r.action)).to.deep.equal(['published']);
  const started = [v('x', 'x2', 2, null, 'b.csv', 3), v('y', 'y1', 1, null, 'a.csv', 3), v('z', 'z1', 2, null, 'b.csv', 2)];
  expect(await s.read(), 'after history was turned on').to.deep.equal(started);
  s.ws.drop('d.csv', csv([HEADER, ['y', 'y2', '2021-01-04']]));
  await runAt(s, 4);
  expect(await s.read(), 'after the next run').to.deep.equal([started[0], v('y', 'y1', 1, 4, 'a.csv', 3), v('y', 'y2', 4, null, 'd.csv', 2), started[2]]);
}

/**
 * A run, then the sink made to say it shows nothing (`forget`), so that a
 * sync publishes the same snapshot again in full: the history stays as it was.
 */
export async function historyRepeatScenario(s: Steps, forget: () => Promise<void>): Promise<void> {
  s.ws.drop(...HISTORY_DROPS[0]!);
  s.ws.drop(...HISTORY_DROPS[1]!);
  await runAt(s, 1);
  const before = await s.read();
  expect(before).to.have.length(3);
  await forget();
  s.clock.set(day(2));
  expect((await (await pipelineScope(s.container, 'shop')).get(SinkSync).sync(0)).map((r) => r.action)).to.deep.equal(['published']);
  expect(await s.read()).to.deep.equal(before);
}
