import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { sha256 } from '../util/sha256.js';

/** A hash of what the definition says about the data (not where its file is, what `dropline status` expects of the drops, nor who is alerted). */
export function definitionHash(definition: PipelineDefinition): string {
  const { file: _file, expect: _expect, alerts: _alerts, ...rest } = definition;
  return sha256(JSON.stringify(rest));
}
