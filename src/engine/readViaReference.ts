import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import { unreadable, type FileOutcome, type InputIngestor } from '../runner/InputIngestor.js';
import type { RawTable, SourceInput } from '../sources/Source.js';
import type { HeaderMapping, RowReject, ValidRow } from '../validation/Validator.js';
import type { FilePartial } from './FilePartial.js';
import { PartialBuilder } from './PartialBuilder.js';

/**
 * One input the byte engine cannot scan, through the reference reader and
 * validator: its rejects collected, its valid rows reduced and packed like a
 * scan's winners and handed to `apply`. Returns its outcome.
 */
export async function readViaReference(
  ingestor: InputIngestor,
  definition: PipelineDefinition,
  input: SourceInput,
  open: () => RawTable,
  apply: (partial: FilePartial) => void,
  rejects: RowReject[],
  log: Logger,
  mapping?: HeaderMapping,
): Promise<FileOutcome> {
  let table: RawTable;
  try {
    table = open();
  } catch (err) {
    return unreadable(err, input, log);
  }
  const builder = new PartialBuilder();
  const handlers = { onRow: (row: ValidRow) => builder.addRow(row), onReject: (r: RowReject) => rejects.push(r) };
  const outcome = await ingestor.ingestOpened(definition, input, table, new Map(), handlers, log, mapping);
  if (outcome.kind === 'processed') apply(builder.finish());
  return outcome;
}
