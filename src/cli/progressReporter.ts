import type { RunProgress } from '../runner/RunSummary.js';
import type { CliIO } from './CliContext.js';

const DELAY_MS = 1000;

/**
 * A one-line progress display on a terminal, shown only once a run has taken
 * longer than a second; nothing at all when stderr is not a terminal.
 */
export function progressReporter(io: CliIO, now: () => number = Date.now): { onProgress: (p: RunProgress) => void; done: () => void } {
  if (!io.interactive) return { onProgress: () => undefined, done: () => undefined };
  const started = now();
  let shown = false;
  return {
    onProgress: (p) => {
      if (now() - started < DELAY_MS) return;
      shown = true;
      io.err(`\r\x1b[2Kfiles ${p.filesDone}/${p.filesTotal}, rows ${p.rowsRead}`);
    },
    done: () => {
      if (shown) io.err('\r\x1b[2K');
    },
  };
}
