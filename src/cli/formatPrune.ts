import type { PruneResult } from '../runner/PipelineHistory.js';

/** `dropline prune`'s report: snapshots removed, archived inputs compressed and deleted (or, with --dry-run, that would be). */
export function formatPrune(result: PruneResult, dryRun: boolean): string {
  const { snapshots, archive } = result;
  if (snapshots.length + archive.compress.length + archive.delete.length === 0) return 'nothing to prune';
  const list = (names: string[]): string => names.map((n) => `\n  ${n}`).join('');
  const lines: string[] = [];
  if (snapshots.length > 0) lines.push(`${dryRun ? 'would remove' : 'removed'} ${snapshots.length} snapshot(s):${list(snapshots)}`);
  if (archive.compress.length > 0) {
    lines.push(`${dryRun ? 'would compress' : 'compressed'} ${archive.compress.length} archived input(s) (source.retain.compress):${list(archive.compress.map((i) => i.name))}`);
  }
  if (archive.delete.length > 0) {
    const base = `pinned snapshot ${archive.base} holds their rows and ${dryRun ? 'would become' : 'is now'} the base dropline clean rebuilds from`;
    lines.push(`${dryRun ? 'would delete' : 'deleted'} ${archive.delete.length} archived input(s) (source.retain.delete; ${base}):${list(archive.delete.map((i) => i.name))}`);
  }
  return lines.join('\n');
}
