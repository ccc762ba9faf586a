import { DroplineError } from '../errors/DroplineError.js';
import { toDroplineError } from '../errors/toDroplineError.js';

/**
 * An error that happened after snapshot `id` was committed, keeping its own
 * code: it exits 5 ("committed, but a step after the commit failed") and says
 * so, with what to run next. SINK_FAILED already says both and is left as it is.
 */
export function committedFailure(err: unknown, pipeline: string, id: string): DroplineError {
  const error = toDroplineError(err);
  if (error.code === 'SINK_FAILED' || error.context.committedSnapshot !== undefined) return error;
  const tail = `; the snapshot ${id} of pipeline ${pipeline} is committed, but the command did not finish; fix the cause and run: dropline run ${pipeline} (it restores latest.csv from the snapshot and finishes moving the handled files)`;
  return new DroplineError(error.code, `${error.message}${tail}`, { ...error.context, pipeline, committedSnapshot: id }, { cause: error.cause ?? error });
}
