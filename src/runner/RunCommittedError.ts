import { DroplineError } from '../errors/DroplineError.js';
import type { RunSummary } from './RunSummary.js';

/**
 * A run that committed its snapshot, then failed in a step after the commit
 * (a sink): the error as raised (same code, message and context), carrying
 * the run's summary so the caller can still report what was committed.
 */
export class RunCommittedError extends DroplineError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(
    error: DroplineError,
    readonly summary: RunSummary,
  ) {
    super(error.code, error.message, error.context, { cause: error.cause ?? error });
  }
}
