import type { CleanPlan } from '../snapshots/CleanPlan.js';
import type { DiffPage, RowRecord } from '../query/QueryResults.js';
import type { SnapshotListing } from '../query/SnapshotBrowser.js';
import type { StoreUsage } from '../snapshots/SnapshotStore.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatSnapshotList(pipeline: string, snapshots: SnapshotListing[], usage: StoreUsage): string {
  if (snapshots.length === 0) return `pipeline ${pipeline} has no snapshots yet; run it with: dropline run ${pipeline}`;
  const lines = snapshots.map((s) => {
    const counts = `+${s.inserted} ~${s.updated}${s.rejected ? ` !${s.rejected} rejected` : ''}`;
    const what = s.kind === 'reset' ? `reset to ${s.restoredFrom}` : s.kind === 'replay' ? `replay of ${s.files.join(', ')}, ${counts}` : `${s.files.length} file(s), ${counts}`;
    return `${s.id}  ${s.createdAt}  ${String(s.rows).padStart(8)} rows  ${what}${s.pinned ? '  [pinned]' : ''}`;
  });
  lines.push(`${usage.snapshots} snapshot(s), ${formatBytes(usage.bytes)} on disk`);
  return lines.join('\n');
}

export function formatDiff(diff: DiffPage, limit: number): string {
  const key = (row: RowRecord): string => diff.key.map((k) => row[k]).join(', ');
  const { added, removed, changed } = diff.counts;
  const lines = [`diff ${diff.from} -> ${diff.to}: ${added} added, ${removed} removed, ${changed} changed`];
  for (const c of diff.columns.added) lines.push(`+ column ${c}`);
  for (const c of diff.columns.removed) lines.push(`- column ${c}`);
  for (const r of diff.added) lines.push(`+ ${key(r)}`);
  for (const r of diff.removed) lines.push(`- ${key(r)}`);
  for (const c of diff.changed) {
    lines.push(`~ ${c.key.join(', ')}`);
    for (const ch of c.changes) lines.push(`    ${ch.column}: ${JSON.stringify(ch.before)} -> ${JSON.stringify(ch.after)}`);
  }
  if (diff.truncated) lines.push(`(at most ${limit} keys of each kind listed; see more with --limit)`);
  return lines.join('\n');
}

export function formatCleanPlan(pipeline: string, plan: CleanPlan, done: boolean): string {
  const verb = done ? 'removed' : 'would remove';
  const moved = `${done ? 'moved' : 'would move'} ${(done ? plan.moved : undefined)?.length ?? plan.requeue.length} processed file(s) back into the drop`;
  const lines =
    plan.base === undefined
      ? [`${verb}: ${plan.latest ?? 'no latest.csv'}, ${plan.snapshots} snapshot(s), ${plan.rejects.length} rejects file(s)`, moved]
      : [
          `${verb}: ${plan.snapshots} snapshot(s) other than the base, ${plan.rejects.length} rejects file(s)`,
          `${done ? 'reset' : 'would reset'} latest.csv to pinned snapshot ${plan.base}, the base clean rebuilds from (source.retain deleted inputs it holds)`,
          `${moved}: the inputs ingested after the base`,
        ];
  if (!done) lines.push(`nothing was changed; to do it: dropline clean ${pipeline} --yes`);
  else lines.push(`the next run rebuilds ${plan.base === undefined ? 'from scratch' : `from snapshot ${plan.base}`}: dropline run ${pipeline}`);
  return lines.join('\n');
}
