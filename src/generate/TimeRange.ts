import { DroplineError } from '../errors/DroplineError.js';

const DAY_SECONDS = 86_400;

/** The span generated timestamps fall in: whole UTC days, both ends inclusive. */
export class TimeRange {
  private constructor(
    /** First day, as days since the epoch. */
    readonly fromDay: number,
    /** Last day, as days since the epoch. */
    readonly toDay: number,
  ) {}

  /** Parses `YYYY-MM-DD` bounds; throws DroplineError('USAGE') for bad or reversed dates. */
  static parse(start: string, end: string): TimeRange {
    const fromDay = parseDay('start', start);
    const toDay = parseDay('end', end);
    if (fromDay > toDay) {
      throw new DroplineError('USAGE', `start ${start} is after end ${end}; swap them or pick an end on or after the start`);
    }
    return new TimeRange(fromDay, toDay);
  }

  /** First second of the first day (epoch seconds). */
  get fromSec(): number {
    return this.fromDay * DAY_SECONDS;
  }

  /** Last second of the last day (epoch seconds). */
  get toSec(): number {
    return (this.toDay + 1) * DAY_SECONDS - 1;
  }
}

function parseDay(name: string, text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new DroplineError('USAGE', `${name} "${text}" is not a calendar date; write it as YYYY-MM-DD, e.g. 2021-02-15`);
  }
  return ms / 1000 / DAY_SECONDS;
}
