import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';

/**
 * Runs a step after the commit point: a failure is logged as a warning, never
 * reported as "nothing changed". A coded failure (a move that cannot happen,
 * damaged state) is said as it is, with its code; it is not promised that the
 * next run fixes it.
 */
export async function afterCommit(log: Logger, what: string, step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    if (err instanceof DroplineError && err.code === 'MOVE_FAILED') log.warn(`error[${err.code}]: the run committed, but ${err.message}`, { ...err.context });
    // Damaged state stays damaged until someone repairs it: the message says how, not that a run will.
    else if (err instanceof DroplineError && (err.code === 'STATE_DAMAGED' || err.code === 'STATE_CORRUPT'))
      log.warn(`error[${err.code}]: the run committed, but ${what} failed: ${err.message}`, { ...err.context });
    else log.warn(`the run committed, but ${what} failed: ${(err as Error).message}; the next run completes it`);
    return false;
  }
}
