import type { StatusReport } from '../status/PipelineStatus.js';

const count = (n: number): string => n.toLocaleString('en-US');
/** `2030-02-05 12:00Z`: an ISO time to the minute. */
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** One line per pipeline: name, verdict, the reasons, then what it has: last drop, last run, snapshot, files waiting and quarantined, open rejects, latest rows. */
export function formatStatus(reports: readonly StatusReport[]): string {
  if (reports.length === 0) return 'no pipelines: add a definition file under pipelines/ (see docs/definitions.md)\n';
  const width = Math.max(...reports.map((r) => r.pipeline.length));
  return reports.map((r) => `${r.pipeline.padEnd(width)}  ${r.verdict.padEnd(7)}  ${line(r)}\n`).join('');
}

function line(r: StatusReport): string {
  const parts: string[] = [];
  const drop = r.lastDrop;
  parts.push(drop ? `last drop ${when(drop.at)} (${plural(drop.files.length, 'file')}, ${plural(drop.rows, 'row')})` : 'no drop yet');
  if (r.lastRun) parts.push(`last run ${when(r.lastRun.at)} ${r.lastRun.ok ? 'ok' : 'failed'}`);
  if (r.snapshot) parts.push(`snapshot ${r.snapshot}`);
  if (r.waiting !== null) parts.push(`${count(r.waiting)} waiting`);
  parts.push(`${count(r.quarantined)} quarantined`, `${plural(r.openRejects, 'open reject')}`);
  if (r.latestRows !== null) parts.push(`latest ${plural(r.latestRows, 'row')}`);
  const reasons = r.reasons.length > 0 ? `${r.reasons.join('; ')} | ` : '';
  return `${reasons}${parts.join(', ')}`;
}
