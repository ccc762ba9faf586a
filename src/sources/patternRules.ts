import type { SourceDefinition } from '../definition/PipelineDefinition.js';
import { compileGlob } from '../util/compileGlob.js';
import type { DropRules } from './scanDrop.js';

/**
 * The names a folder source reads: those `source.pattern` matches (case-insensitively
 * unless `source.caseSensitive`), and, when it reads compressed files, `<name>.gz`
 * for every name it matches (`*.csv` takes `data.csv.gz`).
 */
export function patternRules(source: SourceDefinition, readsGzip: boolean, workspaceRoot: string): DropRules {
  const matches = compileGlob(source.pattern, source.caseSensitive);
  const gz = source.caseSensitive ? /\.gz$/ : /\.gz$/i;
  const accepts = (name: string): boolean => matches(name) || (readsGzip && gz.test(name) && matches(name.slice(0, -3)));
  const anyCase = source.caseSensitive ? compileGlob(source.pattern, false) : null;
  return {
    accepts,
    mismatch: (name) => `does not match pattern ${source.pattern}${anyCase?.(name) ? ' (source.caseSensitive is true)' : ''}`,
    workspaceRoot,
  };
}
