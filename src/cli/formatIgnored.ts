import type { IgnoredInput } from '../sources/Source.js';

/** How many ignored entries a human report names before "+N more". */
const SHOWN = 5;

/** One line naming what the drop holds but was not read, or null when there is none. */
export function formatIgnored(ignored: readonly IgnoredInput[]): string | null {
  if (ignored.length === 0) return null;
  const named = ignored.slice(0, SHOWN).map((i) => `${i.file} (${i.reason})`);
  const more = ignored.length > SHOWN ? ` +${ignored.length - SHOWN} more` : '';
  return `ignored: ${ignored.length} ${ignored.length === 1 ? 'entry' : 'entries'} not read: ${named.join(', ')}${more}`;
}
