/** Where the CLI writes: stdout for results, stderr for logs, progress and errors. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  interactive: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
  /** Whether to colour log levels on stderr (NO_COLOR, FORCE_COLOR, else a terminal); off when absent. */
  color?: boolean;
}
