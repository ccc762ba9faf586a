import { isUtf8 } from 'node:buffer';
import type { PipelineDefinition, SchemaDefinition } from '../definition/PipelineDefinition.js';
import { RowValidator } from '../validation/RowValidator.js';
import { isReject, type HeaderMapping } from '../validation/Validator.js';
import { decodeRecord } from './decodeRecord.js';
import type { FilePartial, ScanFallback } from './FilePartial.js';
import { ByteBlob } from './ByteBlob.js';
import { PartialBuilder } from './PartialBuilder.js';
import { provenCanonical } from './provenCanonical.js';
import { RecordScanner } from './RecordScanner.js';
import { RowRouter } from './RowRouter.js';
import type { RowSink } from './RowSink.js';
import { ScanPlan } from './ScanPlan.js';
import { writeKey } from './writeKey.js';
import { writeRow } from './writeRow.js';

export interface ScanRequest {
  /** The whole input as UTF-8 (other encodings are transcoded first); may start with a UTF-8 byte order mark. */
  bytes: Uint8Array;
  /** The resolved delimiter, one character. */
  delimiter: string;
  /** The input's name, for rejects. */
  file: string;
  schema: SchemaDefinition;
  /** The file's header mapped onto the schema (SchemaValidator.mapHeader, on the main thread). */
  mapping: HeaderMapping;
}

/**
 * Keys a file's builder is first sized for; it doubles as it meets more. Sized by the file's bytes (one key per 64
 * bytes), a file of 2,000 rows over 100 keys allocated and zeroed ~200 KB of arrays it never used, which at 50 such
 * files was a tenth of a short run's scan; a file of distinct keys now pays a few doublings (and goes to the scan
 * workers, RowRouter, when it is large).
 */
const EXPECTED_KEYS = 1024;

const QUOTED = RecordScanner.QUOTED;
const NEEDS_QUOTES = RecordScanner.NEEDS_QUOTES;
const ESCAPED = RecordScanner.ESCAPED;

/**
 * Reads, validates and reduces one input on its bytes: what parseCsvFast, then
 * SchemaValidator.validateRow on every record after the header, then "latest
 * row per key" (greatest order, on a tie the later record) would give, packed
 * as a FilePartial. A row whose fields are all proven canonical on bytes (see
 * provenCanonical) makes no string or object; any other row is decoded and
 * checked by the reference validator itself, so there is one semantics. Where
 * parseCsvFast would give up on the text, or the file keeps extra columns, the
 * answer is a ScanFallback and the caller reads the file the reference way.
 */
export function scanFile(request: ScanRequest): FilePartial | ScanFallback {
  return scanWith(
    request,
    (bytes) => new PartialBuilder(bytes, EXPECTED_KEYS),
    (builder) => builder.finish(),
  );
}

/**
 * As scanFile, for the scan workers: the valid rows split by key partition
 * and passed on unreduced (RowRouter), each partition's merger reducing them;
 * `spare` gives partials done with, whose buffers are written over.
 */
export function scanSplit(request: ScanRequest, parts: number, file: number, spare?: () => FilePartial | undefined): ReturnType<RowRouter['finishSplit']> | ScanFallback {
  return scanWith(
    request,
    (bytes) => new RowRouter(parts, file, bytes.length, spare),
    (router) => router.finishSplit(),
  );
}

function scanWith<S extends RowSink, T>(request: ScanRequest, sink: (bytes: Uint8Array) => S, finish: (sink: S) => T): T | ScanFallback {
  const { delimiter, schema, mapping } = request;
  // A plain Uint8Array view (a Buffer is a subclass): every byte array the hot loops touch then has one shape.
  const bytes = new Uint8Array(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const plan = new ScanPlan(schema, mapping, delimiter);
  if (plan.unsupported !== '') return { fallback: plan.unsupported };
  // The reference decodes UTF-8 strictly (decodeText): bytes that are not UTF-8 get its error, not U+FFFD here.
  if (!isUtf8(bytes)) return { fallback: 'not valid UTF-8' };
  const start = hasMark(bytes, 0) ? 3 : 0;
  // The reference decodes the text (a first mark dropped) and parseCsvFast drops a second: leave that to it.
  if (start === 3 && hasMark(bytes, 3)) return { fallback: 'two byte order marks' };
  const scanner = new RecordScanner(bytes, delimiter.charCodeAt(0), start);
  const builder = sink(bytes);
  if (scanner.next()) scanRows(scanner, plan, builder, () => slowRow(request, scanner, builder));
  if (scanner.failure !== '') return { fallback: scanner.failure };
  return finish(builder);
}

/** Every record after the header, on bytes where each field is proven canonical, else through `slow`. */
function scanRows(scanner: RecordScanner, plan: ScanPlan, builder: RowSink, slow: () => void): void {
  const bytes = scanner.bytes;
  const { kinds, fieldIndex, required, timestamp, width } = plan;
  const columns = kinds.length;
  const singleKey = plan.keyColumns.length === 1 ? fieldIndex[plan.keyColumns[0]!]! : -2;
  const key = new ByteBlob();
  const row = new ByteBlob();
  rows: while (scanner.next()) {
    if (scanner.count !== width) {
      slow();
      continue;
    }
    const starts = scanner.starts;
    const ends = scanner.ends;
    const flags = scanner.flags;
    let order = 0;
    let verbatim = plan.verbatim;
    for (let c = 0; c < columns; c++) {
      const f = fieldIndex[c]!;
      const start = f < 0 ? 0 : starts[f]!;
      const end = f < 0 ? 0 : ends[f]!;
      if (start === end) {
        // Blank: the reference rejects a required column; a timestamp's order is orderOf('') (left to it too).
        if (required[c] === 1 || c === timestamp) {
          slow();
          continue rows;
        }
      } else {
        const value = provenCanonical(kinds[c]!, bytes, start, end);
        if (value !== value) {
          slow();
          continue rows;
        }
        if (c === timestamp) order = value;
      }
      if (f >= 0 && (flags[f]! & (QUOTED | NEEDS_QUOTES)) === QUOTED) verbatim = false;
    }
    let won: boolean;
    if (singleKey >= 0 && (flags[singleKey]! & ESCAPED) === 0) {
      won = builder.offer(bytes, starts[singleKey]!, ends[singleKey]!, order, scanner.line);
    } else {
      key.reset();
      writeKey(key, scanner, plan);
      won = builder.offer(key.bytes, 0, key.length, order, scanner.line);
    }
    if (!won) continue;
    if (verbatim) builder.setRow(bytes, scanner.start, scanner.end);
    else {
      row.reset();
      writeRow(row, scanner, plan);
      builder.setRow(row.bytes, 0, row.length);
    }
  }
}

/** The reference for one record: decoded to a RawRow and checked as SchemaValidator.validateRow checks it (RowValidator). */
function slowRow(request: ScanRequest, scanner: RecordScanner, builder: RowSink): void {
  const context = referenceOf(request);
  const result = context.validator.validateRow(context.definition, request.mapping, decodeRecord(scanner, context.text), request.file);
  if (isReject(result)) builder.addReject(result);
  else builder.addRow(result);
}

interface Reference {
  validator: RowValidator;
  definition: PipelineDefinition;
  text: Buffer;
}

const references = new WeakMap<ScanRequest, Reference>();

/** Made once per file, on its first row that needs the reference. */
function referenceOf(request: ScanRequest): Reference {
  let reference = references.get(request);
  if (reference === undefined) {
    const bytes = request.bytes;
    reference = {
      validator: new RowValidator(),
      // validateRow reads only the schema of the definition it is given.
      definition: { schema: request.schema } as PipelineDefinition,
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    };
    references.set(request, reference);
  }
  return reference;
}

function hasMark(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}
