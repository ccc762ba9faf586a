import { DroplineError } from '../errors/DroplineError.js';

/** How many snapshots to keep; unset fields do not prune. */
export interface RetentionPolicy {
  /** Keep the N newest snapshots. */
  keep?: number;
  /** Keep snapshots younger than this many milliseconds. */
  maxAgeMs?: number;
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
export function selectPrunable(manifests: { id: string; createdAt: string }[], policy: RetentionPolicy, pinned: Set<string>, now: Date): string[] {
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
