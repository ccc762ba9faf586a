/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), in integer
 * arithmetic (H. Hinnant's days_from_civil): times 86,400,000 it is utcMs of
 * the date for years 1-9999, without a Date.UTC call per row.
 *
 * Written for the compiled scan: every row takes the same operations, and each
 * quotient is truncated with `| 0` (the floor here, as nothing is negative for
 * years 1-9999). A branch no row took while the scan was compiled, or a
 * quotient that was whole for every row until then (a first input of February
 * dates only), would deoptimize it at the first row that differs.
 */
export function utcDays(year: number, month: number, day: number): number {
  // Years start in March.
  const march = month > 2 ? 1 : 0;
  const y = year - 1 + march;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month + 9 - 12 * march) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
