import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';

type Headers = SnapshotManifest['headers'];

/** How one run's files mapped: header -> column pairs, extra headers, mapped columns, each with the first file that showed it. */
interface RunMapping {
  pairs: Map<string, { file: string; header: string; column: string; how: string; score: number }>;
  extras: Map<string, string>;
  columns: Map<string, string>;
  files: string[];
}

function mappingOf(headers: Headers): RunMapping {
  const run: RunMapping = { pairs: new Map(), extras: new Map(), columns: new Map(), files: [] };
  for (const { file, matches, extras = [] } of headers) {
    if (matches.length === 0 && extras.length === 0) continue; // an empty file says nothing about the header
    run.files.push(file);
    for (const m of matches) {
      const pair = JSON.stringify([m.header, m.column]);
      if (!run.pairs.has(pair)) run.pairs.set(pair, { file, header: m.header, column: m.column, how: m.how, score: m.score });
      if (!run.columns.has(m.column)) run.columns.set(m.column, m.header);
    }
    for (const e of extras) if (!run.extras.has(e)) run.extras.set(e, file);
  }
  return run;
}

/** The run snapshots whose files had a header, newest last. */
export function headerRuns(manifests: readonly SnapshotManifest[]): SnapshotManifest[] {
  return manifests.filter((m) => m.kind === 'run' && mappingOf(m.headers).files.length > 0);
}

/**
 * What changed in the header mapping from the previous run to the last one,
 * one line per change, each naming the file: a header newly mapped by alias or
 * fuzzy match, a header newly mapping onto no column, a column no longer in the
 * files. Empty when nothing changed (or fewer than two runs read a header).
 */
export function judgeSchema(manifests: readonly SnapshotManifest[]): string[] {
  const runs = headerRuns(manifests);
  if (runs.length < 2) return [];
  const before = mappingOf(runs.at(-2)!.headers);
  const now = mappingOf(runs.at(-1)!.headers);
  const changes: string[] = [];
  for (const [key, p] of now.pairs) {
    if (before.pairs.has(key) || (p.how !== 'alias' && p.how !== 'fuzzy')) continue;
    const how = p.how === 'fuzzy' ? `fuzzy match ${Math.round(p.score * 100)}%` : 'alias';
    changes.push(`header "${p.header}" now maps to ${p.column} by ${how} in ${p.file}`);
  }
  for (const [header, file] of now.extras) if (!before.extras.has(header)) changes.push(`new header "${header}" maps to no column in ${file}`);
  for (const [column, header] of before.columns) {
    if (!now.columns.has(column)) changes.push(`column ${column} (header "${header}" before) missing from ${now.files.join(', ')}`);
  }
  return changes;
}
