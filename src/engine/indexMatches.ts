import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { latestLayout } from './LatestLayout.js';
import { readLatestIndex } from './readLatestIndex.js';

/**
 * Whether an index can stand for this latest.csv under this definition: its
 * format and version, its own checksum, latest.csv's length and checksum, the
 * key spec (columns, key columns and types, timestamp and type, lineage) and
 * line offsets that fall on latest.csv's lines. ByteLatest.loadPrevious checks
 * the same and scans latest.csv when it fails.
 */
export function indexMatches(index: Uint8Array, latest: Uint8Array, definition: PipelineDefinition): boolean {
  return readLatestIndex(index, latest, latestLayout(definition)) !== null;
}
