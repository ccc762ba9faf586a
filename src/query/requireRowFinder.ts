import { DroplineError } from '../errors/DroplineError.js';
import type { RowFinder } from '../snapshots/RowFinder.js';

/** The store's lookup of one key's rows, or a USAGE error naming the pipeline for a store without one (a plug-in store). */
export function requireRowFinder(pipeline: string, find: Pick<RowFinder, 'find' | 'runChanges'> | null): Pick<RowFinder, 'find' | 'runChanges'> {
  if (find === null)
    throw new DroplineError('USAGE', `the snapshot store of pipeline ${pipeline} cannot look up one row; explain and history need the built-in store`, { pipeline });
  return find;
}
