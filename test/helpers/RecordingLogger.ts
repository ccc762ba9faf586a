import type { Logger, LogMeta } from '../../src/logging/Logger.js';

/** One line a RecordingLogger was told: its level, message and meta (a child's bindings first, then the line's own). */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  meta?: LogMeta;
}

/**
 * A Logger for tests that remembers every line instead of writing it. A child
 * shares its parent's `lines` and adds its bindings to each line's meta, as
 * WinstonLogger's children do; `addFile` records the file and writes nothing.
 */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bindings: LogMeta = {},
    readonly files: string[] = [],
  ) {}

  debug(message: string, meta?: LogMeta): void {
    this.record('debug', message, meta);
  }

  info(message: string, meta?: LogMeta): void {
    this.record('info', message, meta);
  }

  warn(message: string, meta?: LogMeta): void {
    this.record('warn', message, meta);
  }

  error(message: string, meta?: LogMeta): void {
    this.record('error', message, meta);
  }

  child(meta: LogMeta): Logger {
    return new RecordingLogger(this.lines, { ...this.bindings, ...meta }, this.files);
  }

  addFile(file: string): void {
    this.files.push(file);
  }

  async close(): Promise<void> {}

  /** The messages of the lines at `level`. */
  messages(level: LogLine['level']): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }

  /** The messages of the warnings. */
  warnings(): string[] {
    return this.messages('warn');
  }

  private record(level: LogLine['level'], message: string, meta: LogMeta | undefined): void {
    const bound = Object.keys(this.bindings).length > 0;
    this.lines.push({ level, message, meta: bound ? { ...this.bindings, ...meta } : meta });
  }
}
