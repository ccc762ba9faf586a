import type { DroplineError } from '../errors/DroplineError.js';
import { DEFINITION_RULES } from './definitionRules.js';
import { Fields } from './Fields.js';
import type { MappingRule, Rule } from './Rule.js';

/** Runs `read`, keeping what it throws as a problem; false when it threw. */
function attempt(problems: DroplineError[], read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch (err) {
    problems.push(err as DroplineError);
    return false;
  }
}

function checkKey(fields: Fields, name: string, rule: Rule, problems: DroplineError[]): void {
  if (!fields.has(name)) {
    if (rule.required !== undefined) problems.push(fields.fail(name, `is required: ${rule.required}`));
    return;
  }
  switch (rule.kind) {
    case 'text':
      return void attempt(problems, () => fields.string(name));
    case 'number':
      return void attempt(problems, () => fields.number(name, rule.min, rule.min, rule.max));
    case 'boolean':
      return void attempt(problems, () => fields.boolean(name, false));
    case 'choice':
      return void attempt(problems, () => fields.oneOf(name, rule.values));
    case 'names':
      return void attempt(problems, () => fields.stringList(name));
    case 'options':
      return void attempt(problems, () => fields.child(name));
    case 'mapping': {
      const value = fields.value[name];
      if (typeof value === 'string' && rule.shorthandKey !== undefined) {
        return checkMapping(Fields.of(fields.file, fields.key(name), { [rule.shorthandKey]: value }), rule, problems);
      }
      let child: Fields | undefined;
      if (attempt(problems, () => (child = fields.child(name)))) checkMapping(child!, rule, problems);
      return;
    }
    case 'named': {
      let child: Fields | undefined;
      if (!attempt(problems, () => (child = fields.child(name)))) return;
      for (const column of Object.keys(child!.value)) {
        const value = child!.value[column];
        // `id: string` is read as `id: { type: string }`, as the loader reads it.
        if (typeof value === 'string') attempt(problems, () => Fields.of(child!.file, child!.key(column), { type: value }).oneOf('type', rule.shorthand.values));
        else {
          let entry: Fields | undefined;
          if (attempt(problems, () => (entry = Fields.of(child!.file, child!.key(column), value)))) checkMapping(entry!, rule.value, problems);
        }
      }
      return;
    }
    case 'list': {
      const items = fields.value[name];
      if (!Array.isArray(items)) return void problems.push(fields.fail(name, 'must be a list'));
      items.forEach((item, index) => {
        let entry: Fields | undefined;
        if (attempt(problems, () => (entry = Fields.of(fields.file, `${fields.key(name)}[${index}]`, item)))) checkMapping(entry!, rule.item, problems);
      });
    }
  }
}

function checkMapping(fields: Fields, rule: MappingRule, problems: DroplineError[]): void {
  problems.push(...fields.unknownKeysOf(rule));
  for (const [name, child] of Object.entries(rule.keys)) checkKey(fields, name, child, problems);
}

/**
 * Every place a definition document breaks DEFINITION_RULES, not only the
 * first (`dropline check`): unknown keys, missing required keys, values of the
 * wrong kind. Messages are the loader's; what relates keys to each other is
 * left to the loader.
 */
export function ruleProblems(doc: unknown, file: string): DroplineError[] {
  const problems: DroplineError[] = [];
  let top: Fields | undefined;
  if (attempt(problems, () => (top = Fields.of(file, '', doc)))) checkMapping(top!, DEFINITION_RULES, problems);
  return problems;
}
