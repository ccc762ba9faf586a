/** Where the CLI writes: stdout for results, stderr for logs, progress and errors. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Bytes to stdout as they are (a file's content, not text to make printable); absent: `out` with the bytes read as UTF-8. */
  bytes?: (data: Uint8Array) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  interactive: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
  /** Whether to colour log levels on stderr (NO_COLOR, FORCE_COLOR, else a terminal); off when absent. */
  color?: boolean;
}
