import { DroplineError } from './DroplineError.js';

/**
 * The DEFINITION_INVALID error every stage raises about a pipeline file:
 * `<file>: <key> <problem>`, e.g. `pipelines/acme.yaml: source.options.url must be a string, got 3`.
 * An empty key leaves the message as `<file>: <problem>` (the document as a whole).
 */
export function definitionError(file: string, key: string, problem: string, pipeline?: string): DroplineError {
  const where = key ? `${key} ` : '';
  return new DroplineError('DEFINITION_INVALID', `${file}: ${where}${problem}`, { file, key: key || undefined, ...(pipeline === undefined ? {} : { pipeline }) });
}
