import { parseDuration } from '../util/parseDuration.js';
import { DEFINITION_RULES } from './definitionRules.js';
import { Fields } from './Fields.js';
import type { ExpectDefinition } from './PipelineDefinition.js';

const E = DEFINITION_RULES.keys.expect;

/** `expect:` of a definition (what `dropline status` judges drops by), or undefined when the file leaves it out. */
export function parseExpect(top: Fields): ExpectDefinition | undefined {
  const expect = top.child('expect');
  if (!expect) return undefined;
  expect.onlyKeysOf(E);
  const V = E.keys.volume.keys;
  const volume = (expect.child('volume') ?? Fields.of(expect.file, expect.key('volume'), {})).onlyKeysOf(E.keys.volume);
  const min = volume.number('min', V.min.default, V.min.min, V.min.max);
  const max = volume.number('max', V.max.default, V.max.min, V.max.max);
  if (max < min) throw volume.fail('max', `(${max}) is below min (${min}); the band is min x to max x the median, e.g. min: 0.5, max: 2`);
  const runs = volume.number('runs', V.runs.default, V.runs.min, V.runs.max);
  if (!Number.isInteger(runs)) throw volume.fail('runs', `must be a whole number of drops, got ${runs}`);
  return { ...duration(expect, 'every'), ...duration(expect, 'grace'), volume: { min, max, runs } };
}

function duration(expect: Fields, key: 'every' | 'grace'): Partial<ExpectDefinition> {
  const text = expect.text(key, E.keys[key]);
  if (text === undefined) return {};
  try {
    return key === 'every' ? { every: text, everyMs: parseDuration(text) } : { grace: text, graceMs: parseDuration(text) };
  } catch {
    throw expect.fail(key, `"${text}" is not a duration; write a whole number and a unit, e.g. 7d, 36h or 2w`);
  }
}
