import type { Logger } from '../../src/logging/Logger.js';

/** A Logger that writes nothing, for code under test or measured whose log is not looked at. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  addFile: () => undefined,
  close: () => Promise.resolve(),
};
