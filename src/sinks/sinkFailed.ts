import { DroplineError } from '../errors/DroplineError.js';
import type { ListedSink } from './Sink.js';

/** The message of anything thrown, unwrapping the AggregateError a connection to several addresses gives. */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0 && !err.message) return err.errors.map(describeError).join('; ');
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

/**
 * SINK_FAILED for the sinks that could not be brought up to date: the
 * snapshot stays committed, and `dropline sync` finishes the job.
 */
export function sinkFailed(pipeline: string, snapshot: string | null, failures: { listed: ListedSink; error: unknown }[], all: ListedSink[]): DroplineError {
  // Named by type; by type and place when the definition lists that type more than once.
  const name = (l: ListedSink): string => (all.filter((s) => s.type === l.type).length > 1 ? `${l.type} (${l.key})` : l.type);
  const what = failures.map(({ listed, error }) => `sink ${name(listed)} of pipeline ${pipeline} failed: ${describeError(error)}`).join('; ');
  const state = snapshot === null ? 'the pipeline has no snapshot (cleaned)' : `the snapshot ${snapshot} is committed`;
  const first = failures[0]!;
  return new DroplineError(
    'SINK_FAILED',
    `${what}; ${state}; bring the sinks up to date with: dropline sync ${pipeline}`,
    { pipeline, key: first.listed.key },
    { cause: first.error },
  );
}
