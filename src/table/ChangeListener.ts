/**
 * Hears the rows a run inserted or changed while its latest.csv is written
 * (LatestContent.chunksWithChanges): the run's changeset, taken in the same
 * pass as latest.csv's bytes. The store gives one; content calls it once per
 * changed row, in key order (latest.csv's), as that row's line is written.
 */
export interface ChangeListener {
  /**
   * One changed row: its line in the new latest.csv (UTF-8, lineage value included, without its line end) is
   * `bytes[start, end)`, and `bytes[end]` is its line end (LF); content may hand over its own output buffer, but
   * never changes these bytes before it calls `seal()`, if any (so consecutive lines can be read as one run of bytes);
   * `file` is the input it came from and `fileLine` the 1-based line its record starts on there (as ChangedRow's).
   */
  changed(bytes: Uint8Array, start: number, end: number, file: string, fileLine: number): void;
  /**
   * Optional: the bytes of the lines told so far may change from now on (content calls it before it yields a chunk
   * its consumer may give back to be reused: LatestContent.recycle); the listener reads or copies what it still
   * needs. A listener without it must not be used by a consumer that gives chunks back.
   */
  seal?(): void;
}
