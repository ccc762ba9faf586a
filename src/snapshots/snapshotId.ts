const ID_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/;

/** `20261125T214231123Z`: UTC, millisecond precision, sorts as text in time order. */
export function formatSnapshotId(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

export function isSnapshotId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function parseSnapshotId(id: string): Date {
  const m = ID_PATTERN.exec(id);
  if (!m) throw new Error(`not a snapshot id: ${id}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!));
}

/** An id for `now` that sorts after `last` even if the clock stepped back or two runs share a millisecond. */
export function nextSnapshotId(now: Date, last: string | null): string {
  const candidate = formatSnapshotId(now);
  if (last === null || candidate > last) return candidate;
  return formatSnapshotId(new Date(parseSnapshotId(last).getTime() + 1));
}
