/**
 * Polls `probe` until it returns something other than undefined, null or false, and resolves with that.
 * Fails after `seconds` naming what it waited for, the last value seen or error thrown, and `context()`
 * (worker logs, say); fails at once when `unless()` names a reason it can never happen (a worker died).
 * The deadline only bounds a hang: nothing asserts how fast it happened.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { seconds?: number; every?: number; context?: () => string; unless?: () => string | null } = {},
): Promise<T> {
  const deadline = Date.now() + (options.seconds ?? 60) * 1000;
  let last: unknown = undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    const broken = options.unless?.() ?? null;
    if (broken !== null) throw new Error(`stopped waiting for ${what}: ${broken}${options.context ? `\n${options.context()}` : ''}`);
    if (Date.now() > deadline) {
      const context = options.context?.() ?? '';
      throw new Error(`gave up after ${options.seconds ?? 60} s waiting for ${what}; last seen: ${JSON.stringify(last)}${context ? `\n${context}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.every ?? 250));
  }
}
