import { PIPELINE_NAME } from '../definition/parseDefinition.js';
import { HttpError } from './HttpError.js';

/**
 * The pipeline name in a path (`clients%2Facme` or `clients/acme`), decoded
 * and checked before anything touches the disk: letters, digits, `.`, `_`, `-`
 * and `/` between folders, each part starting with a letter or digit, so
 * `..`, absolute paths, backslashes and NUL never get through.
 */
export function pipelineParam(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw HttpError.badRequest('the pipeline name in the path is not valid percent-encoding');
  }
  if (!PIPELINE_NAME.test(name) || name.length > 200) {
    throw HttpError.badRequest(`"${name.replace(/[^\x20-\x7e]/g, '?')}" is not a pipeline name; names use letters, digits, ".", "_", "-" and "/" between folders`);
  }
  return name;
}
