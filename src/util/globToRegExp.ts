/** A file-name glob (`*`, `?`, `[abc]`, `{a,b}`) as an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inGroup = false;
  for (const ch of glob) {
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      out += '(?:';
      inGroup = true;
    } else if (ch === '}' && inGroup) {
      out += ')';
      inGroup = false;
    } else if (ch === ',' && inGroup) out += '|';
    else if (ch === '[' || ch === ']') out += ch;
    else out += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
