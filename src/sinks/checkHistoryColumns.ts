import { definitionError } from '../errors/definitionError.js';
import { historyClash } from './historyBatch.js';
import type { SinkContext } from './SinkContext.js';
import { baseColumns } from './sinkColumns.js';

/** With `history: true`, refuses a schema (or lineage) column named like one the history table adds (`valid_from`...). */
export function checkHistoryColumns(context: SinkContext): void {
  if (!context.history) return;
  const clash = historyClash(baseColumns(context.definition));
  if (clash === undefined) return;
  const file = context.workspace.display(context.definition.file);
  throw definitionError(
    file,
    `${context.key}.history`,
    `is true, but the table has a column named ${clash}, which the history table adds itself; rename that column or leave history out`,
    context.definition.name,
  );
}
