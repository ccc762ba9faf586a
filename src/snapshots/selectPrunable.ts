import { DroplineError } from '../errors/DroplineError.js';

/** How many snapshots to keep; unset fields do not prune. */
export interface RetentionPolicy {
  /** Keep the N newest snapshots. */
  keep?: number;
  /** Keep snapshots younger than this many milliseconds. */
  maxAgeMs?: number;
}

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `"30d"`, `"12h"`, `"90m"`, `"2w"` -> milliseconds (m is minutes). */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([mhdw])\s*$/.exec(text);
  const amount = m === null ? NaN : Number(m[1]);
  const ms = amount * (UNIT_MS[m?.[2] ?? ''] ?? NaN);
  if (!(amount > 0) || !Number.isSafeInteger(ms)) {
    throw new DroplineError(
      'USAGE',
      `"${text}" is not a duration; write a whole number > 0 and a unit: m (minutes), h (hours), d (days) or w (weeks), e.g. 30d`,
    );
  }
  return ms;
}

/**
 * The ids of the snapshots a retention policy removes, oldest first, from
 * `manifests` ordered oldest first. The newest snapshot and pinned ones are
 * never removed. `keep: N` protects the N newest (pinned ones count among them
 * by position, they are not extra); `maxAgeMs` prunes those created before
 * `now - maxAgeMs`. With both set, a snapshot is pruned only when BOTH rules
 * would prune it: at least N snapshots survive AND every snapshot young enough
 * survives. We chose "both" over "either" because pruning is the one
 * irreversible operation: a quiet pipeline keeps its last N versions however
 * old they are, and a busy one keeps every version from the last maxAge.
 * With neither set, nothing is pruned.
 */
export function selectPrunable(
  manifests: { id: string; createdAt: string }[],
  policy: RetentionPolicy,
  pinned: Set<string>,
  now: Date,
): string[] {
  const { keep, maxAgeMs } = policy;
  if (keep !== undefined && !(Number.isSafeInteger(keep) && keep >= 0)) {
    throw new DroplineError('USAGE', `retention keep must be a whole number >= 0, got ${keep}`);
  }
  if (maxAgeMs !== undefined && !(Number.isFinite(maxAgeMs) && maxAgeMs >= 0)) {
    throw new DroplineError('USAGE', `retention max age must be a duration >= 0 ms, got ${maxAgeMs}`);
  }
  if (keep === undefined && maxAgeMs === undefined) return [];

  const cutoff = maxAgeMs === undefined ? 0 : now.getTime() - maxAgeMs;
  const times = maxAgeMs === undefined ? [] : manifests.map(createdAtMs);
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < times[i - 1]!) {
      throw new DroplineError('INTERNAL', `snapshots must be listed oldest first, but ${manifests[i]!.id} is older than ${manifests[i - 1]!.id}`);
    }
  }

  const newest = manifests.length - 1;
  return manifests
    .filter((m, i) => {
      if (i === newest || pinned.has(m.id)) return false;
      const byCount = keep === undefined || i < manifests.length - keep;
      const byAge = maxAgeMs === undefined || times[i]! < cutoff;
      return byCount && byAge;
    })
    .map((m) => m.id);
}

function createdAtMs(m: { id: string; createdAt: string }): number {
  const ms = Date.parse(m.createdAt);
  if (Number.isNaN(ms)) {
    throw new DroplineError('STATE_CORRUPT', `snapshot ${m.id} has createdAt "${m.createdAt}", which is not an ISO 8601 time; its manifest is damaged`);
  }
  return ms;
}
