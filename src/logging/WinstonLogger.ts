import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import type { LogMeta, Logger } from './Logger.js';

export interface LoggerOptions {
  /** Console level: 'warn' for --quiet, 'debug' for --verbose. */
  level: string;
  /** Console stream; logs never go to stdout so `--json` output stays clean. */
  console: boolean;
  /** Colour the level names (only on a terminal). */
  colors?: boolean;
  /** Where console lines go instead of stderr (the CLI clears its progress line first). */
  write?: (line: string) => void;
}

/** ANSI colours of the level names; set by the caller's choice, not by winston's own look at stdout. */
const LEVEL_COLORS: Record<string, number> = { error: 31, warn: 33, info: 32, debug: 34 };

const humanFormat = (colors: boolean) =>
  winston.format.printf((info) => {
    const { level, message, stage, pipeline: _p, runId: _r, timestamp: _t, ...rest } = info as Record<string, unknown>;
    const extras = Object.entries(rest)
      .filter(([k]) => typeof k === 'string' && !k.startsWith('Symbol'))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const where = stage ? `[${stage}] ` : '';
    const name = String(level);
    const shown = colors && LEVEL_COLORS[name] ? `\x1b[${LEVEL_COLORS[name]}m${name}\x1b[39m` : name;
    return `${shown}: ${where}${message}${extras ? ` (${extras})` : ''}`;
  });

/** winston behind the Logger interface: human lines on stderr, JSON lines in files. */
export class WinstonLogger implements Logger {
  private constructor(
    private readonly root: winston.Logger,
    private readonly target: winston.Logger,
    /** The log files added, by path: their descriptors, open for appending, and their transports. */
    private readonly files: Map<string, { fd: number; transport: winston.transport }>,
  ) {}

  static create(options: LoggerOptions): WinstonLogger {
    const transports: winston.transport[] = [];
    const common = { level: options.level, silent: !options.console, format: humanFormat(Boolean(options.colors)) };
    const write = options.write;
    const stream = write
      ? new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            write(chunk.toString());
            done();
          },
        })
      : undefined;
    transports.push(
      stream ? new winston.transports.Stream({ ...common, stream }) : new winston.transports.Console({ ...common, stderrLevels: ['error', 'warn', 'info', 'debug'] }),
    );
    const root = winston.createLogger({ level: 'debug', transports });
    return new WinstonLogger(root, root, new Map());
  }

  debug(message: string, meta?: LogMeta): void {
    this.target.debug(message, meta);
  }
  info(message: string, meta?: LogMeta): void {
    this.target.info(message, meta);
  }
  warn(message: string, meta?: LogMeta): void {
    this.target.warn(message, meta);
  }
  error(message: string, meta?: LogMeta): void {
    this.target.error(message, meta);
  }

  child(meta: LogMeta): Logger {
    return new WinstonLogger(this.root, this.target.child(meta), this.files);
  }

  /**
   * Each line is appended with one synchronous write, as it is logged: a run logs a line per input, and a write
   * through the thread pool per line cost more than the line (and a killed process loses no line it logged).
   */
  addFile(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    if (this.files.has(file)) return;
    const fd = openSync(file, 'a');
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        writeSync(fd, chunk);
        done();
      },
    });
    const transport = new winston.transports.Stream({ stream, level: 'debug', format: winston.format.combine(winston.format.timestamp(), winston.format.json()) });
    this.files.set(file, { fd, transport });
    this.root.add(transport);
  }

  /** Ends the logger; once every file's transport has had its last line, closes the files. */
  async close(): Promise<void> {
    if (this.files.size === 0) return;
    const files = [...this.files.values()];
    this.files.clear();
    const finished = files.map(({ transport }) => new Promise<void>((resolve) => transport.once('finish', () => resolve())));
    this.root.end();
    await Promise.all(finished);
    for (const { fd } of files) closeSync(fd);
  }
}
