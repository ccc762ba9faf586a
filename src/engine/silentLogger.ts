import type { Logger } from '../logging/Logger.js';

/** A Logger that writes nothing: the engine's workers call the reference validator's row check, which does not log. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addFile: () => undefined,
  close: () => Promise.resolve(),
};
