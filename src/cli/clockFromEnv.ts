import { DroplineError } from '../errors/DroplineError.js';
import type { Clock } from '../util/Clock.js';

/**
 * The clock `DROPLINE_NOW` pins (an ISO 8601 date-time; a test hook, like
 * DROPLINE_CRASH_AT: tests judge ages by a simulated clock), else none: the
 * container's system clock.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock | undefined {
  const text = env.DROPLINE_NOW;
  if (text === undefined || text === '') return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new DroplineError('USAGE', `DROPLINE_NOW="${text}" is not a date-time; write e.g. 2026-11-25T21:42:31Z, or unset it`);
  return { now: () => new Date(at) };
}
