const FIELDS = [
  { name: 'minute', min: 0, max: 59, names: [] as string[] },
  { name: 'hour', min: 0, max: 23, names: [] },
  { name: 'day of month', min: 1, max: 31, names: [] },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * What is wrong with a five-field cron expression (minute hour day-of-month
 * month day-of-week), or null: each field `*`, a number, a range `a-b`, a step
 * `*\/n` or `a-b/n`, or a list of these; months and weekdays also by name.
 */
export function cronProblem(cron: string): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return `has ${parts.length} field(s); write five: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" (Mondays at 06:00)`;
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i]!;
    const value = (text: string): number | null => {
      const named = field.names.indexOf(text.toUpperCase());
      if (named >= 0) return named + (field.min === 1 ? 1 : 0);
      return /^\d+$/.test(text) ? Number(text) : null;
    };
    for (const item of part.split(',')) {
      const [range, step, extra] = item.split('/');
      if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step)))
        return `the ${field.name} field "${part}" has a bad step "/${step}"; a step is a whole number, e.g. */15`;
      if (range === '*') continue;
      const ends = range!.split('-');
      const numbers = ends.map(value);
      if (ends.length > 2 || numbers.some((n) => n === null || n < field.min || n > field.max)) {
        return `the ${field.name} field "${part}" is not ${field.min}-${field.max}${field.names.length ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}, a range of these, * or a step`;
      }
      if (numbers.length === 2 && numbers[0]! > numbers[1]!) return `the ${field.name} field "${part}" is a range that runs backwards`;
    }
  }
  return null;
}
