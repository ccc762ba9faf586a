/** Control characters, except tab and newline, and except the colour codes dropline itself writes (SGR: ESC [ ... m). */
const UNSAFE = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Text safe to print on a terminal. File names come from clients: one holding
 * escape sequences or carriage returns could clear the screen, retitle the
 * window or overwrite the line that names it. Every such character is shown
 * as `\u00NN`, so nothing is hidden or run; in `--json` output (where JSON has
 * escaped C0 characters already) that is a JSON escape of the same character.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => (c.length > 1 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
