import { DAY_MS } from './dropsOf.js';

const HOUR_MS = 3_600_000;

/** A number with at most one decimal: 7, 1.5. */
export function oneDecimal(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A length of time as people say it: `3 days`, `1 day`, `20 hours`, `1.5 days` (whole days from 2 days up). */
export function formatSpan(ms: number): string {
  const days = ms / DAY_MS;
  if (days >= 2) return `${Math.round(days)} days`;
  if (ms >= DAY_MS) return oneDecimal(days) === '1' ? '1 day' : `${oneDecimal(days)} days`;
  const hours = Math.max(0, Math.round(ms / HOUR_MS));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
