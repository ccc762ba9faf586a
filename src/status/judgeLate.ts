import type { Cadence } from './learnCadence.js';
import { DAY_MS } from './dropsOf.js';
import { formatSpan, oneDecimal } from './formatSpan.js';

/** Late or not: due `every` after the last arrival, late once `grace` has passed too. Null when on time. */
export function judgeLate(lastArrival: number, now: number, cadence: Cadence): string | null {
  const due = lastArrival + cadence.everyMs;
  if (now <= due + cadence.graceMs) return null;
  return `${formatSpan(now - due)} late against its ${usual(cadence)}`;
}

/** `usual 7 +/- 1 days`, or `declared 7 days (grace 2 days)`. */
export function usual(cadence: Cadence): string {
  if (cadence.source === 'declared') return `declared ${formatSpan(cadence.everyMs)} (grace ${formatSpan(cadence.graceMs)})`;
  return `usual ${oneDecimal(cadence.everyMs / DAY_MS)} +/- ${oneDecimal(cadence.spreadMs / DAY_MS)} days`;
}
