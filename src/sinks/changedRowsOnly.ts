import type { PublishContext } from './Sink.js';

/**
 * The rows a sink may publish alone: those a run changed, when the sink shows
 * the run's parent snapshot (`previous === changes.since`). Null when the sink
 * must publish `context.table` in full (no changes known, or it shows another
 * snapshot: a reset, a clean, a sync catching up over several runs).
 */
export function changedRowsOnly(context: PublishContext): string[][] | null {
  const { changes, previous } = context;
  return changes !== undefined && typeof previous === 'string' && previous === changes.since ? changes.rows : null;
}
