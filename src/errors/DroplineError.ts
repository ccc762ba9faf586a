/**
 * Every error dropline raises on purpose. `code` is from a closed set so callers
 * (and scripts reading `error[CODE]`) can tell errors apart without parsing text;
 * the message says what failed, where, and what to do.
 */
export type ErrorCode =
  | 'DEFINITION_NOT_FOUND'
  | 'DEFINITION_INVALID'
  | 'USAGE'
  | 'PLUGIN_INVALID'
  | 'SOURCE_UNREADABLE'
  | 'SOURCE_FAILED'
  | 'SINK_FAILED'
  | 'MOVE_FAILED'
  | 'OUTPUT_UNWRITABLE'
  | 'NOT_WRITABLE'
  | 'DISK_FULL'
  | 'VALIDATION_FAILED'
  | 'LOCKED'
  | 'SNAPSHOT_NOT_FOUND'
  | 'STATE_CORRUPT'
  | 'MISSING_PACKAGE'
  | 'INTERNAL';

export interface ErrorContext {
  pipeline?: string;
  file?: string;
  line?: number;
  key?: string;
}

/** Exit codes are part of the CLI contract (see README, "Exit codes"). */
export const ExitCode = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  COMMITTED_WITH_REJECTS: 3,
} as const;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['DEFINITION_NOT_FOUND', 'DEFINITION_INVALID', 'PLUGIN_INVALID', 'USAGE']);

/** Marks dropline errors, so `instanceof` also holds for one thrown by another copy of dropline (a user module loaded by tsx). */
const BRAND = Symbol.for('dropline.DroplineError');

export class DroplineError extends Error {
  override readonly name = 'DroplineError';
  readonly [BRAND] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: ErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The process exit code this error maps to. */
  get exitCode(): number {
    return USAGE_CODES.has(this.code) ? ExitCode.USAGE : ExitCode.FAILURE;
  }
}
