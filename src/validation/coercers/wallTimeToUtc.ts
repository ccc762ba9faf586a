import { DroplineError } from '../../errors/DroplineError.js';
import { utcMs } from './utcMs.js';

/** Offset of a zone from UTC, in ms, at an instant. */
type OffsetAt = (instant: number) => number;

const FIXED = /^(?:UTC|GMT)?([+-])(\d{2})(?::?(\d{2}))?$/;
const HOUR_MS = 3_600_000;
const CACHE_LIMIT = 100_000;
const zones = new Map<string, OffsetAt>();

/**
 * Converts a wall-clock time in `timezone` (the fields read as if they were UTC,
 * in ms) to the UTC instant. `timezone` is `UTC` (the default), a fixed offset
 * such as `+02:00`, or an IANA name such as `Europe/Berlin`. For IANA zones the
 * offset is looked up at the wall time taken as UTC and looked up once more at
 * the corrected instant, which settles DST: a time skipped by a spring-forward
 * gap moves forward by the gap (02:30 becomes 03:30), and a time repeated at
 * fall-back resolves to its later (standard time) occurrence.
 */
export function wallTimeToUtc(wallMs: number, timezone: string | undefined): number {
  const offsetAt = zoneOffset(timezone ?? 'UTC');
  const guess = wallMs - offsetAt(wallMs);
  return wallMs - offsetAt(guess);
}

function zoneOffset(timezone: string): OffsetAt {
  let offsetAt = zones.get(timezone);
  if (offsetAt === undefined) {
    offsetAt = resolve(timezone);
    zones.set(timezone, offsetAt);
  }
  return offsetAt;
}

function resolve(timezone: string): OffsetAt {
  if (timezone === 'UTC' || timezone === 'Z' || timezone === 'GMT') return () => 0;
  const fixed = FIXED.exec(timezone);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = fixed[3] === undefined ? 0 : Number(fixed[3]);
    if (hours > 23 || minutes > 59) unknownZone(timezone);
    const ms = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return () => ms;
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (err) {
    return unknownZone(timezone, err);
  }
  return cachedByHour((instant) => exactOffset(format, instant));
}

/** The zone's wall time at `instant` (whole seconds) minus the instant. */
function exactOffset(format: Intl.DateTimeFormat, instant: number): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(seconds)) {
    if (part.type in f) f[part.type as keyof typeof f] = Number(part.value);
  }
  return utcMs(f.year, f.month, f.day, f.hour, f.minute, f.second) - seconds;
}

/**
 * Intl lookups are slow, and a zone's offset changes at most once within any
 * hour. Per UTC hour, remember the offset when it is the same at both ends of
 * the hour; an hour containing a transition is always computed exactly.
 */
function cachedByHour(exact: OffsetAt): OffsetAt {
  const byHour = new Map<number, number>();
  return (instant) => {
    const hour = Math.floor(instant / HOUR_MS);
    let offset = byHour.get(hour);
    if (offset === undefined) {
      const start = exact(hour * HOUR_MS);
      offset = start === exact((hour + 1) * HOUR_MS - 1000) ? start : Number.NaN;
      if (byHour.size >= CACHE_LIMIT) byHour.clear();
      byHour.set(hour, offset);
    }
    return Number.isNaN(offset) ? exact(instant) : offset;
  };
}

function unknownZone(timezone: string, cause?: unknown): never {
  throw new DroplineError('DEFINITION_INVALID', `timezone "${timezone}" is not known; use UTC, an offset such as +02:00, or an IANA name such as Europe/Berlin`, {}, { cause });
}
