/** One row of a run's changeset as the differential test compares it: the line as latin1 text (one character per byte). */
export interface ObservedChange {
  line: string;
  file: string;
  fileLine: number;
}

/** The rows of a latest.csv as dropline writes it (LF line ends, quoted fields, so an LF inside quotes is data), header left out. */
export function latestRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return records.slice(1);
}

/**
 * What is wrong with a run's changeset (null: nothing): it must hold exactly
 * the rows of the new latest.csv that are not rows of the parent's (null: the
 * first run), in latest.csv's order, as many as the run inserted and updated,
 * each from a named input and a line past the header.
 */
export function changesProblem(changes: readonly ObservedChange[], latest: string, parent: string | null, count: number): string | null {
  const before = new Set(parent === null ? [] : latestRecords(parent));
  const expected = latestRecords(latest).filter((line) => !before.has(line));
  const lines = changes.map((c) => c.line);
  if (lines.length !== count) return `the changeset holds ${lines.length} rows, the run inserted and updated ${count}`;
  const differs = lines.findIndex((line, i) => line !== expected[i]);
  const at = differs >= 0 ? differs : lines.length;
  if (differs >= 0 || expected.length !== lines.length) {
    return `changeset row ${at + 1} is ${JSON.stringify(lines[at])}, latest.csv's new or changed row there is ${JSON.stringify(expected[at])}`;
  }
  const unknown = changes.find((c) => c.file === '' || c.fileLine < 2);
  return unknown === undefined ? null : `changeset row ${JSON.stringify(unknown.line)} comes from no input line (${JSON.stringify(unknown.file)}, line ${unknown.fileLine})`;
}
