import type { CsvParserChoice, SourceEncoding } from '../definition/PipelineDefinition.js';
import type { RawTable } from './Source.js';

/**
 * Turns the bytes of a CSV input into a RawTable: what `BaseSource` uses for
 * `{kind: 'csv'}` content, and what a custom source can inject
 * (`TOKENS.CsvReader`) to read CSV it fetched itself. The built-in one is `CsvReader`.
 */
export interface CsvTableReader {
  read(bytes: Uint8Array, delimiter: string, name: string, parser?: CsvParserChoice, encoding?: SourceEncoding): Omit<RawTable, 'fingerprint'>;
}
