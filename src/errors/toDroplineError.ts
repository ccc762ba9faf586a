import { DroplineError } from './DroplineError.js';
import { errnoToDroplineError } from './writeError.js';

/** Wraps anything thrown into a DroplineError, keeping the original as `cause`: a failed write gets its own code, the rest INTERNAL. */
export function toDroplineError(err: unknown): DroplineError {
  if (err instanceof DroplineError) return err;
  const mapped = errnoToDroplineError(err);
  if (mapped) return mapped;
  const message = err instanceof Error ? err.message : String(err);
  return new DroplineError('INTERNAL', message, {}, { cause: err });
}
