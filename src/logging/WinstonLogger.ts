import { mkdirSync } from 'node:fs';
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
    private readonly files: Set<string>,
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
    return new WinstonLogger(root, root, new Set());
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

  addFile(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    if (this.files.has(file)) return;
    this.files.add(file);
    this.root.add(
      new winston.transports.File({
        filename: file,
        level: 'debug',
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      }),
    );
  }

  async close(): Promise<void> {
    const files = this.root.transports.filter((t) => t instanceof winston.transports.File);
    if (files.length === 0) return;
    await new Promise<void>((resolve) => {
      this.root.on('finish', () => resolve());
      this.root.end();
    });
  }
}
