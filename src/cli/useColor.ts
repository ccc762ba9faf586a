/**
 * Whether to colour what goes to a stream: FORCE_COLOR set (and not "0" or
 * "false") forces it, as Node does; else NO_COLOR set to anything non-empty
 * turns it off (https://no-color.org); else only on a terminal.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY;
}
