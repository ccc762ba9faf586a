/**
 * Every error dropline raises on purpose. `code` is from a closed set so callers
 * (and scripts reading `error[CODE]`) can tell errors apart without parsing text;
 * the message says what failed, where, and what to do.
 */
export type ErrorCode =
  | 'DEFINITION_NOT_FOUND'
  | 'DEFINITION_INVALID'
  | 'USAGE'
  | 'WORKSPACE_NOT_FOUND'
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
  | 'KEY_NOT_FOUND'
  /** `dropline rejects dismiss`: an id that names no rejected row of the pipeline. Exit 1. */
  | 'REJECT_NOT_FOUND'
  | 'PATHS_CHANGED'
  /**
   * A state file (manifest, pins, ledger, snapshot content, clean marker) cannot be
   * read or does not hold what it must: dropline stops rather than read it as
   * "nothing", changes nothing, and names the file and what to do. Exit 1.
   */
  | 'STATE_DAMAGED'
  /** The same as STATE_DAMAGED, under the name the ledger, content and diff checks printed first; kept for scripts matching it. */
  | 'STATE_CORRUPT'
  | 'MISSING_PACKAGE'
  /** Team mode: the catalog's PostgreSQL server cannot be reached, or its URL variable is unset. Exit 1. */
  | 'CATALOG_UNAVAILABLE'
  /** Team mode: another process took this run's lease on its pipeline before it could commit; nothing was committed. Exit 1. */
  | 'LEASE_LOST'
  | 'INTERNAL';

export interface ErrorContext {
  pipeline?: string;
  file?: string;
  line?: number;
  key?: string;
  /** Set when the error happened after this snapshot was committed: the state moved on, exit 5. */
  committedSnapshot?: string;
}

/** Exit codes are part of the CLI contract (see README, "Exit codes"). */
export const ExitCode = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  COMMITTED_WITH_REJECTS: 3,
  /** `dropline status`: a pipeline is late, off in volume, drifted or failing. */
  NEEDS_ATTENTION: 4,
  COMMITTED_THEN_FAILED: 5,
} as const;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(['DEFINITION_NOT_FOUND', 'DEFINITION_INVALID', 'PLUGIN_INVALID', 'USAGE', 'PATHS_CHANGED', 'WORKSPACE_NOT_FOUND']);
/** Codes that by themselves mean "the snapshot is committed, a step after it failed". */
const AFTER_COMMIT_CODES: ReadonlySet<ErrorCode> = new Set(['SINK_FAILED']);

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
    if (this.context.committedSnapshot !== undefined || AFTER_COMMIT_CODES.has(this.code)) return ExitCode.COMMITTED_THEN_FAILED;
    return USAGE_CODES.has(this.code) ? ExitCode.USAGE : ExitCode.FAILURE;
  }
}
