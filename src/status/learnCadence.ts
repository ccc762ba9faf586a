import type { ExpectDefinition } from '../definition/PipelineDefinition.js';
import { DAY_MS, type Drop } from './dropsOf.js';
import { median } from './median.js';

/** Intervals needed before a cadence is learned (so 4 drops). */
export const MIN_INTERVALS = 3;

/** How often drops arrive: declared (`expect.every`) or learned from the drops so far. */
export interface Cadence {
  source: 'declared' | 'learned';
  /** The usual interval: `expect.every`, or the median interval between the days drops arrived. */
  everyMs: number;
  /** The median distance of the intervals from that median (0 when declared). */
  spreadMs: number;
  /** How long past due before the pipeline is late: `expect.grace`, else the spread, at least a day (or the interval, when shorter). */
  graceMs: number;
}

/** The cadence of these drops (oldest first), or null when nothing is declared and fewer than MIN_INTERVALS intervals are known. */
export function learnCadence(drops: readonly Drop[], expect?: ExpectDefinition): Cadence | null {
  const grace = (everyMs: number, spreadMs: number): number => expect?.graceMs ?? Math.max(spreadMs, Math.min(DAY_MS, everyMs));
  if (expect?.everyMs !== undefined) return { source: 'declared', everyMs: expect.everyMs, spreadMs: 0, graceMs: grace(expect.everyMs, 0) };
  const intervals = drops.slice(1).map((d, i) => (d.day - drops[i]!.day) * DAY_MS);
  if (intervals.length < MIN_INTERVALS) return null;
  const everyMs = median(intervals);
  const spreadMs = median(intervals.map((i) => Math.abs(i - everyMs)));
  return { source: 'learned', everyMs, spreadMs, graceMs: grace(everyMs, spreadMs) };
}
