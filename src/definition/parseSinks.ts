import { DEFINITION_RULES } from './definitionRules.js';
import { Fields, describe } from './Fields.js';
import type { SinkDefinition } from './PipelineDefinition.js';

const SINK = DEFINITION_RULES.keys.sinks.item;

/**
 * `sinks:` of a definition: a list of `{ type, module?, options?, history? }`, the shape
 * `source:` has. Which options a type takes is checked when its class is known
 * (the sink registry), as for sources.
 */
export function parseSinks(top: Fields): SinkDefinition[] {
  const value = top.value.sinks;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw top.fail('sinks', `must be a list of sinks, e.g. "- { type: sqlite }", got ${describe(value)}`);
  return value.map((item, index) => {
    const sink = Fields.of(top.file, `sinks[${index}]`, item);
    sink.onlyKeysOf(SINK);
    const module = sink.text('module', SINK.keys.module);
    // Kept only when true, so a definition without it hashes as before.
    const history = sink.boolean('history', SINK.keys.history.default);
    return {
      type: sink.text('type', SINK.keys.type),
      options: sink.mapping('options') ?? {},
      ...(module ? { module } : {}),
      ...(history ? { history } : {}),
    };
  });
}
