/** Structured context carried by every line a child logger writes. */
export type LogMeta = Record<string, unknown>;

/** The project's own logging seam; winston sits behind it (WinstonLogger). */
export interface Logger {
  debug(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
  /** A logger that adds `meta` (pipeline, runId, stage...) to every line. */
  child(meta: LogMeta): Logger;
  /** Also writes JSON lines to `file` (one log file per pipeline). */
  addFile(file: string): void;
  /** Waits for file transports to flush. */
  close(): Promise<void>;
}
