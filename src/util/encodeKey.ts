/** Separates the parts of a composite key: U+001F (unit separator). */
export const KEY_SEPARATOR = '\u001f';
/** Escapes a separator or itself inside a part: U+001E (record separator). */
const KEY_ESCAPE = '\u001e';
const SPECIAL = /[\u001e\u001f]/g;

/**
 * The one text form of a key, used wherever key values are joined (merge,
 * diff, lookups). A single-part key is its value; a composite key joins its
 * parts with U+001F, and a U+001E or U+001F inside a part is prefixed with
 * U+001E. So the encoding is one-to-one: (`a\x1fb`, `c`) and (`a`, `b\x1fc`)
 * stay two keys. Parts without those two control characters (every ordinary
 * key) encode exactly as a plain join, as keys always did.
 */
export function encodeKey(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0]!;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const escaped = part.includes(KEY_SEPARATOR) || part.includes(KEY_ESCAPE) ? part.replace(SPECIAL, `${KEY_ESCAPE}$&`) : part;
    out = i === 0 ? escaped : out + KEY_SEPARATOR + escaped;
  }
  return out;
}
