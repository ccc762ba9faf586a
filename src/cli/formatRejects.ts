import type { RejectedRow } from '../rejects/RejectedRow.js';

/** The human form of `dropline rejects list`: one line per rejected row, then the count of each state. */
export function formatRejects(pipeline: string, rows: RejectedRow[], onlyOpen: boolean): string {
  if (rows.length === 0) return `pipeline ${pipeline} has no ${onlyOpen ? 'open ' : ''}rejected rows`;
  const lines = rows.map((r) => {
    const closed = r.state === 'replayed' ? `  (replayed by ${r.by ?? '?'})` : r.state === 'dismissed' ? `  (dismissed ${r.at ?? ''})` : '';
    return `${r.id}  ${r.state}  ${r.file}:${r.line}  ${r.code}  ${r.message}${closed}`;
  });
  const count = (state: RejectedRow['state']) => rows.filter((r) => r.state === state).length;
  lines.push(`${rows.length} rejected row(s): ${count('open')} open, ${count('replayed')} replayed, ${count('dismissed')} dismissed`);
  return lines.join('\n');
}
