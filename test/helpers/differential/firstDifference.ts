/** Where two values first differ (a path such as `folders.archive["a.csv"]` and both sides, shortened), or null when deep-equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return null;
    const al = a.split('\n');
    const bl = b.split('\n');
    let i = 0;
    while (i < al.length && al[i] === bl[i]) i++;
    return `${path || 'value'}: line ${i + 1} differs:\n  reference: ${show(al[i])}\n  auto:      ${show(bl[i])}`;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? null : `${path || 'value'}: reference ${show(a)}, auto ${show(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}${Array.isArray(a) ? `[${k}]` : `.${k}`}`);
    if (d !== null) return d;
  }
  return null;
}

function show(v: unknown): string {
  const s = v === undefined ? '(absent)' : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}
