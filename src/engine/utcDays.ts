/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), in integer
 * arithmetic (H. Hinnant's days_from_civil): times 86,400,000 it is utcMs of
 * the date for years 1-9999, without a Date.UTC call per row.
 */
export function utcDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
