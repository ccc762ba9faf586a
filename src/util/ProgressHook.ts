/**
 * Where a long command is: a phase (`read`, `sort`, `write`, `publish`,
 * `generate`...), how far along it is in `unit`s, and how many rows it has
 * handled so far when that is not the unit.
 */
export interface ProgressEvent {
  pipeline: string;
  phase: string;
  done: number;
  /** null when the phase cannot tell how much is left. */
  total: number | null;
  unit: string;
  rows?: number;
}

/** Told where long commands are (the CLI binds one that draws a line on a terminal); bind many. */
export interface ProgressHook {
  onProgress(event: ProgressEvent): void;
}
