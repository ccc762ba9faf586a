const SEPARATOR = 0x1f;
const ESCAPE = 0x1e;

/** The parts of a key in encodeKey's form (parts joined by U+001F, U+001E/U+001F inside a part prefixed by U+001E). */
export function decodeKeyParts(key: string, count: number): string[] {
  if (count === 1) return [key];
  if (key.indexOf('\u001e') === -1) return key.split('\u001f');
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === ESCAPE) part += key[++i] ?? '';
    else if (c === SEPARATOR) {
      parts.push(part);
      part = '';
    } else part += key[i];
  }
  parts.push(part);
  return parts;
}
