import picomatch from 'picomatch';

/** A file-name test: true when `name` (no folder part) matches. */
export type NameMatcher = (name: string) => boolean;

/**
 * Compiles a file-name glob with picomatch: `*`, `?`, `[abc]`, `[!a]` and
 * `[^a]`, `[a-z]`, `{a,b}`, POSIX classes, extglobs, `\` to escape. Patterns are
 * matched against names only, case-insensitively unless `caseSensitive`.
 * Throws an Error whose message says what is wrong with the pattern.
 */
export function compileGlob(pattern: string, caseSensitive: boolean): NameMatcher {
  if (pattern.trim() === '') throw new Error('is empty; write a file-name pattern such as *.csv');
  if (pattern.includes('/')) throw new Error('has a "/"; it matches file names in source.path, so put the folder in source.path');
  let test: NameMatcher;
  try {
    test = picomatch(pattern, { nocase: !caseSensitive, posix: true, strictBrackets: true, dot: true, nonegate: true });
  } catch (err) {
    throw new Error(`is not a valid pattern: ${explain((err as Error).message)}`, { cause: err });
  }
  return (name) => test(name);
}

/** picomatch's `Missing closing: "]" - use "\\]" to match literal characters`, said plainly. */
function explain(message: string): string {
  const m = /^Missing (opening|closing): "(.)"/.exec(message);
  if (!m) return message;
  const pairs: Record<string, string> = { ']': '[', '}': '{', ')': '(', '[': ']', '{': '}', '(': ')' };
  const literal = pairs[m[2]!] ?? m[2]!;
  return `missing ${m[1]} "${m[2]}"; write a literal "${literal}" as "\\${literal}"`;
}
