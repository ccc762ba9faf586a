import type { RunSummary } from '../runner/RunSummary.js';
import { sha256 } from '../util/sha256.js';
import type { AlertEvent, AlertEventName } from './AlertPayload.js';

/** What alerts read of a `dropline status` report (src/status's StatusReport has these and more). */
export interface StatusFinding {
  pipeline: string;
  verdict: string;
  reasons: string[];
  lastDrop: { at: string; snapshot: string } | null;
  lastRun: { runId: string } | null;
  snapshot: string | null;
  waiting: number | null;
  quarantined: number;
  openRejects: number;
  latestRows: number | null;
}

/** An event's id: a hash of what makes it the same event (its kind, pipeline and the moment it is about). */
function idOf(event: AlertEventName, pipeline: string, ...about: string[]): string {
  return sha256(JSON.stringify([event, pipeline, ...about])).slice(0, 32);
}

const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** A run that rejected rows or quarantined files (one event for both); null when it set nothing aside. */
export function setAsideEvent(summary: RunSummary): AlertEvent | null {
  const rejected = summary.rows.rejected;
  const files = summary.quarantined;
  if (rejected === 0 && files.length === 0) return null;
  const parts = [
    ...(rejected > 0 ? [`rejected ${plural(rejected, 'row')} of ${summary.rows.read.toLocaleString('en-US')}${summary.rejects ? ` (${summary.rejects})` : ''}`] : []),
    ...(files.length > 0 ? [`quarantined ${plural(files.length, 'file')} (${files.map((f) => f.file).join(', ')})`] : []),
  ];
  return {
    event: 'run.set-aside',
    id: idOf('run.set-aside', summary.pipeline, summary.runId, ...files.map((f) => f.file)),
    pipeline: summary.pipeline,
    snapshot: summary.snapshot,
    summary: `${summary.pipeline}: run ${summary.runId} ${parts.join(' and ')}`,
    details: { runId: summary.runId, rowsRead: summary.rows.read, rowsRejected: rejected, rejects: summary.rejects, quarantined: files },
  };
}

/** Sinks that could not be brought up to `snapshot`: one event per sink and snapshot. */
export function sinkFailedEvents(pipeline: string, snapshot: string | null, failures: { key: string; type: string; error: string }[]): AlertEvent[] {
  const state = snapshot === null ? 'the pipeline has no snapshot' : `snapshot ${snapshot} is committed`;
  return failures.map((f) => ({
    event: 'sink.failed' as const,
    id: idOf('sink.failed', pipeline, snapshot ?? '', f.key),
    pipeline,
    snapshot,
    summary: `${pipeline}: sink ${f.type} (${f.key}) failed: ${f.error}; ${state}; bring it up to date with: dropline sync ${pipeline}`,
    details: { sink: f.key, type: f.type, error: f.error },
  }));
}

/**
 * A status verdict that needs attention, identified by what it is judged
 * against, so a pipeline that stays late is alerted once, not on every
 * `dropline status`: late by its last drop, volume by the drop's snapshot,
 * schema by the newest snapshot, failing by the last run.
 */
export function statusEvent(report: StatusFinding): AlertEvent | null {
  const { verdict } = report;
  if (verdict !== 'late' && verdict !== 'volume' && verdict !== 'schema' && verdict !== 'failing') return null;
  const period: Record<typeof verdict, string> = {
    late: report.lastDrop?.at ?? '',
    volume: report.lastDrop?.snapshot ?? report.snapshot ?? '',
    schema: report.snapshot ?? '',
    failing: report.lastRun?.runId ?? report.reasons[0] ?? '',
  };
  const event = `status.${verdict}` as const;
  const { pipeline: _p, verdict: _v, reasons, snapshot, ...facts } = report;
  return {
    event,
    id: idOf(event, report.pipeline, period[verdict]),
    pipeline: report.pipeline,
    snapshot,
    summary: `${report.pipeline}: ${verdict}: ${reasons.join('; ')}`,
    details: { verdict, reasons, ...facts },
  };
}
