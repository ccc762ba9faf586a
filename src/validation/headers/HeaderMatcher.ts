import type { HeaderMatch } from '../Validator.js';
import { compactHeader } from './normalizeHeader.js';
import { sameNumbers } from './sameNumbers.js';
import { similarity } from './similarity.js';

export interface HeaderMatchResult {
  /** One per matched column, in column order. */
  matches: HeaderMatch[];
  /** Headers mapped to no column, in file order. */
  unmatched: { header: string; index: number }[];
  /** Set when a mapping would need a guess; `matches` and `unmatched` are then incomplete. */
  ambiguous?: { column?: string; header?: string; candidates: string[]; message: string };
  /** Set when two headers both exactly (or by alias) match one column; `matches` and `unmatched` are then incomplete. */
  duplicate?: { column: string; headers: string[]; message: string };
}

type Problem = Pick<HeaderMatchResult, 'ambiguous' | 'duplicate'>;

interface State {
  header: string[];
  compact: string[];
  names: string[];
  /** Per column: the compact forms of its name and aliases (name first). */
  keys: string[][];
  byColumn: (HeaderMatch | undefined)[];
  taken: Set<number>;
}

const TIE = 1e-9;

/**
 * Maps file headers onto schema columns one-to-one: exact compact-form
 * matches first, then aliases, then the most similar remaining pairs at or
 * above `threshold`, best first, between names carrying the same numbers
 * (`sameNumbers`). Never guesses: ties and duplicates are reported.
 */
export function matchHeaders(header: string[], columns: { name: string; aliases: string[] }[], threshold: number): HeaderMatchResult {
  const state: State = {
    header,
    compact: header.map(compactHeader),
    names: columns.map((c) => c.name),
    keys: columns.map((c) => [c.name, ...c.aliases].map(compactHeader)),
    byColumn: columns.map(() => undefined),
    taken: new Set(),
  };
  const problem = equalityPass(state, 'exact', (keys) => keys.slice(0, 1)) ?? equalityPass(state, 'alias', (keys) => keys.slice(1)) ?? fuzzyPass(state, threshold);
  const matches = state.byColumn.filter((m): m is HeaderMatch => m !== undefined);
  const unmatched = header.map((h, index) => ({ header: h, index })).filter(({ index }) => !state.taken.has(index));
  return { matches, unmatched, ...problem };
}

function equalityPass(state: State, how: 'exact' | 'alias', keysOf: (keys: string[]) => string[]): Problem | undefined {
  const { header, names } = state;
  const headersOf = new Map<number, number[]>();
  const columnsOf = new Map<number, number[]>();
  state.keys.forEach((all, c) => {
    const keys = keysOf(all);
    state.compact.forEach((h, i) => {
      if (state.taken.has(i) || !keys.includes(h)) return;
      headersOf.set(c, [...(headersOf.get(c) ?? []), i]);
      columnsOf.set(i, [...(columnsOf.get(i) ?? []), c]);
    });
  });
  for (const [i, cs] of columnsOf) {
    if (cs.length < 2) continue;
    const candidates = cs.map((c) => names[c]!);
    const message = `header ${q(header[i]!)} ${how === 'exact' ? 'is the name' : 'is an alias'} of columns ${both(candidates)}`;
    return { ambiguous: { header: header[i]!, candidates, message } };
  }
  for (const [c, is] of headersOf) {
    const earlier = state.byColumn[c];
    const headers = [...(earlier ? [earlier.header] : []), ...is.map((i) => header[i]!)];
    if (headers.length < 2) continue;
    const verb = headers.length === 2 ? 'both match' : 'all match';
    const message = `headers ${both(headers)} ${verb} column ${q(names[c]!)}; keep one and rename or remove the others`;
    return { duplicate: { column: names[c]!, headers, message } };
  }
  for (const [c, [i]] of headersOf) assign(state, i!, c, 1, how);
  return undefined;
}

function fuzzyPass(state: State, threshold: number): Problem | undefined {
  const pairs: { i: number; c: number; score: number }[] = [];
  state.keys.forEach((keys, c) => {
    if (state.byColumn[c]) return;
    state.compact.forEach((h, i) => {
      if (state.taken.has(i)) return;
      // Names whose numbers differ are different columns, however alike their letters.
      const comparable = keys.filter((k) => sameNumbers(h, k));
      if (comparable.length === 0) return;
      const score = Math.max(...comparable.map((k) => similarity(h, k)));
      if (score >= threshold) pairs.push({ i, c, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.c - b.c);
  const open = (p: { i: number; c: number }) => !state.taken.has(p.i) && !state.byColumn[p.c];
  for (const p of pairs) {
    if (!open(p)) continue;
    const tied = (q: { i: number; c: number; score: number }) => q !== p && open(q) && Math.abs(q.score - p.score) <= TIE;
    const rivalHeader = pairs.find((q) => q.c === p.c && tied(q));
    if (rivalHeader) {
      const candidates = [state.header[p.i]!, state.header[rivalHeader.i]!];
      const column = state.names[p.c]!;
      const message = `headers ${both(candidates)} are equally close to column ${q(column)} (${round(p.score)})`;
      return { ambiguous: { column, candidates, message } };
    }
    const rivalColumn = pairs.find((q) => q.i === p.i && tied(q));
    if (rivalColumn) {
      const candidates = [state.names[p.c]!, state.names[rivalColumn.c]!];
      const header = state.header[p.i]!;
      const message = `header ${q(header)} is equally close to columns ${both(candidates)} (${round(p.score)})`;
      return { ambiguous: { header, candidates, message } };
    }
    assign(state, p.i, p.c, round(p.score), 'fuzzy');
  }
  return undefined;
}

function assign(state: State, i: number, c: number, score: number, how: HeaderMatch['how']): void {
  const header = state.header[i]!;
  // Same name only after normalising (case, spacing, separators, BOM): say so, it is worth a log line.
  const shown = how === 'exact' && header !== state.names[c] ? 'normalized' : how;
  state.byColumn[c] = { header, index: i, column: state.names[c]!, score, how: shown };
  state.taken.add(i);
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

function q(text: string): string {
  return JSON.stringify(text);
}

/** `"a" and "b"`, `"a", "b" and "c"`. */
function both(names: string[]): string {
  const quoted = names.map(q);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
