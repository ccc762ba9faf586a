/** Where a rejected row stands in the worklist: still to fix, fed back by `dropline replay`, or closed by `dropline rejects dismiss`. */
export type RejectState = 'open' | 'replayed' | 'dismissed';

/** A reject that is no longer open, as the pipeline's `rejects.json` keeps it. */
export interface ClosedReject {
  state: Exclude<RejectState, 'open'>;
  /** ISO 8601 UTC. */
  at: string;
  /** For `replayed`: the replay snapshot that merged it again. */
  by?: string;
}

/** One rejected row of one run (`dropline rejects list --json`). */
export interface RejectedRow {
  /** `<run>:<line>`: the run's snapshot id and the line of its rejects file the row starts on (the header is line 1). */
  id: string;
  run: string;
  /** The input the row was read from, and the line it started on there (the rejects file's `file` and `line`). */
  file: string;
  line: number;
  code: string;
  message: string;
  /** The row's text as it was read. */
  raw: string;
  state: RejectState;
  /** When it was replayed or dismissed. */
  at?: string;
  by?: string;
}
