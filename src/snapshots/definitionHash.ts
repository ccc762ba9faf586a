import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { sha256 } from '../util/sha256.js';

/** A hash of what the definition says (not where its file is). */
export function definitionHash(definition: PipelineDefinition): string {
  const { file: _file, ...rest } = definition;
  return sha256(JSON.stringify(rest));
}
