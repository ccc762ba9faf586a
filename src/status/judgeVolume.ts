import type { ExpectDefinition } from '../definition/PipelineDefinition.js';
import type { Drop } from './dropsOf.js';
import { median } from './median.js';

/** Drops needed before the last one for its volume to be judged. */
export const MIN_VOLUME_HISTORY = 3;

/** The default band: [0.5x, 2x] of the median of the 8 drops before the last. */
export const DEFAULT_VOLUME: ExpectDefinition['volume'] = { min: 0.5, max: 2, runs: 8 };

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Whether the last drop's rows lie within [min, max] x the median of the
 * `runs` drops before it: null when they do (or too few drops are known),
 * else `rows 12,000 vs usual 98,000-104,000` (the range those drops held).
 */
export function judgeVolume(drops: readonly Drop[], band: ExpectDefinition['volume'] = DEFAULT_VOLUME): string | null {
  const last = drops.at(-1);
  const before = drops.slice(Math.max(0, drops.length - 1 - band.runs), -1).map((d) => d.rows);
  if (!last || before.length < MIN_VOLUME_HISTORY) return null;
  const mid = median(before);
  if (last.rows >= band.min * mid && last.rows <= band.max * mid) return null;
  const [low, high] = [Math.min(...before), Math.max(...before)];
  return `rows ${count(last.rows)} vs usual ${low === high ? count(low) : `${count(low)}-${count(high)}`}`;
}
