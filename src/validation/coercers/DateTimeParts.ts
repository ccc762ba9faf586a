/** Calendar and clock fields read from a date or date-time text, not yet validated. */
export interface DateTimeParts {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fractional seconds truncated to milliseconds. */
  millisecond: number;
  /** Minutes east of UTC when the text names its zone (NaN when that zone is malformed); otherwise undefined. */
  offset?: number;
}
