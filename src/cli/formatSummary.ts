import type { RunSummary } from '../runner/RunSummary.js';
import { formatIgnored } from './formatIgnored.js';

/** The human form of a run summary. */
export function formatSummary(s: RunSummary): string {
  const lines = [
    `pipeline ${s.pipeline}: run ${s.runId}, ${s.snapshot ? `snapshot ${s.snapshot}` : 'no new snapshot (nothing to ingest)'}`,
    `  files:  ${s.files.processed} processed, ${s.files.quarantined} quarantined, ${s.files.skipped} skipped`,
    `  rows:   ${s.rows.read} read, ${s.rows.merged} merged, ${s.rows.rejected} rejected`,
    `  latest: ${s.latest.rows} rows (${s.latest.inserted} inserted, ${s.latest.updated} updated) in ${s.latest.path}`,
  ];
  const ignored = formatIgnored(s.files.ignored);
  if (ignored) lines.push(`  ${ignored}`);
  for (const h of s.headers) lines.push(`  header: ${h.file}: "${h.header}" -> ${h.column} (${h.how} ${h.score.toFixed(2)})`);
  for (const q of s.quarantined) lines.push(`  quarantined: ${q.file}: ${q.message}`);
  for (const w of s.files.waiting) lines.push(`  waiting: ${w.file}: ${w.reason}`);
  if (s.rejects) lines.push(`  rejects: ${s.rejects}`);
  return lines.join('\n');
}
