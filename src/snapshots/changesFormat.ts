import { quoteCsvField } from '../csv/quoteCsvField.js';

/**
 * The format of a changes object (`changes/<sha256>.csv.br`, Brotli; `.csv.gz`,
 * gzip, in stores written before manifest format 3): a compressed CSV
 * whose header is `_snapshot,_file,_line,_bytes,` and latest.csv's header,
 * then one record per row in key order: the snapshot that brought the row,
 * the input and line it came from, the byte length of its latest.csv line,
 * and that line. A checkpoint holds every row of a table; a run's changeset
 * the rows it inserted or changed. The length makes reading a record exact
 * without parsing the row; the whole stays a CSV any tool can open.
 */
export const CHANGES_HEADER = Buffer.from('_snapshot,_file,_line,_bytes,', 'latin1');

/** The folder of changes objects in a pipeline's snapshot folder. */
export const CHANGES_DIR = 'changes';

/** The extension of the objects written now (Brotli: BrotliObject); `.csv.gz` ones, of stores written before, are read as well (inflateObject). */
export const OBJECT_EXT = '.csv.br';

/** The text before a record's latest.csv line (`bytes`: that line's length in bytes). */
export function recordPrefix(snapshot: string, file: string, line: number, bytes: number): string {
  return `${recordHead(snapshot, file)}${line === 0 ? '' : line},${bytes},`;
}

/** The start of a record's prefix, the same for every row of one input: `<snapshot>,<file>,`. */
export function recordHead(snapshot: string, file: string): string {
  return `${snapshot},${quoteCsvField(file)},`;
}

/** Whether a manifest's object reference names a changes object (else a latest.csv kept whole, as in the first format). */
export function isChangesObject(object: string): boolean {
  return object.startsWith(`${CHANGES_DIR}/`);
}
