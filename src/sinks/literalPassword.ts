/** `scheme://user:password@`, the password not a `${variable}`. */
const URL_WITH_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@:]*:([^\s/@]+)@/;

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * Whether a definition file (as written, `raw`) holds the password of the
 * connection URL a sink resolved to: a URL with `user:password@` written in
 * the option itself or in `vars:`, or a `vars:` value that is the password.
 * A password that comes from the environment or `--set` is fine.
 */
export function writesPassword(raw: Record<string, unknown>, rawUrl: unknown, resolvedUrl: string): boolean {
  const vars = raw.vars !== null && typeof raw.vars === 'object' ? Object.values(raw.vars as Record<string, unknown>) : [];
  const written = [rawUrl, ...vars].filter((v): v is string => typeof v === 'string');
  const literalUrl = written.some((text) => {
    const m = URL_WITH_PASSWORD.exec(text);
    return m !== null && !m[1]!.includes('${');
  });
  if (literalUrl) return true;
  const password = passwordOf(resolvedUrl);
  return password !== '' && vars.some((v) => String(v) === password || String(v) === encodeURIComponent(password));
}
