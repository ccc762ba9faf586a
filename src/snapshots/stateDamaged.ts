import { DroplineError } from '../errors/DroplineError.js';

/**
 * The error for a state file that cannot be read or does not hold what it must:
 * `<file>: <what> (<reason>); <what to do>; nothing was changed`.
 */
export function stateDamaged(file: string, what: string, todo: string, pipeline: string, cause?: unknown): DroplineError {
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new DroplineError('STATE_DAMAGED', `${file}: ${what}${reason}; ${todo}; nothing was changed`, { pipeline, file }, { cause });
}
