import { isSnapshotId } from '../snapshots/snapshotId.js';

/**
 * What a snapshot reference names: `latest`, one snapshot by id, or a point in
 * time (`at`, milliseconds since the epoch, inclusive) whose newest snapshot is meant.
 */
export type AsOf = { kind: 'latest' } | { kind: 'snapshot'; id: string } | { kind: 'instant'; at: number; date: boolean };

/** The forms a snapshot reference takes, for messages that list them. */
export const AS_OF_FORMS = 'a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 / RFC 3339: seconds, fraction and offset optional; no offset means UTC, as every time dropline stores. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Reads a snapshot reference: `latest`; a snapshot id; a date `YYYY-MM-DD`
 * (the end of that UTC day); a date-time `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`
 * (that instant, to the millisecond). Null for anything else, an impossible
 * date (2026-02-30) included.
 */
export function parseAsOf(text: string): AsOf | null {
  if (text === 'latest') return { kind: 'latest' };
  if (isSnapshotId(text)) return { kind: 'snapshot', id: text };
  const day = DATE.exec(text);
  if (day) {
    const at = utc(+day[1]!, +day[2]!, +day[3]!, 23, 59, 59, 999);
    return at === null ? null : { kind: 'instant', at, date: true };
  }
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const at = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] === undefined ? 0 : +m[6], ms);
  if (at === null) return null;
  if (m[9] === undefined) return { kind: 'instant', at, date: false };
  const [hours, minutes] = [+m[10]!, +m[11]!];
  if (hours > 23 || minutes > 59) return null;
  const offset = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  return { kind: 'instant', at: at - offset, date: false };
}

/** Milliseconds since the epoch of a UTC calendar time, or null when a field is out of range. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0-99 as 1900-1999
  time.setUTCHours(hour, minute, second, ms);
  return time.getTime();
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
