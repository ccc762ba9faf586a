import { DEFINITION_RULES, FILE_RULES } from './definitionRules.js';
import type { MappingRule, Rule } from './Rule.js';

type Json = Record<string, unknown>;

/** A text holding `${NAME}` is only known once variables are filled in: the loader checks it then. */
const WITH_VARIABLE: Json = { type: 'string', pattern: '\\$\\{' };
/** Required text cannot be empty or blank. */
const NOT_BLANK = '\\S';

function orNull(schema: Json, nullable: boolean): Json {
  return nullable ? { anyOf: [schema, { type: 'null' }] } : schema;
}

function withVariable(schema: Json): Json {
  return { anyOf: [schema, WITH_VARIABLE] };
}

/** One rule as JSON Schema (draft-07). `strict` adds what must be present; a file that extends another may leave it to its base. */
function ruleToSchema(rule: Rule, strict: boolean): Json {
  const base: Json = { description: rule.description };
  const optional = rule.required === undefined && !rule.notNull;
  switch (rule.kind) {
    case 'text': {
      const pattern = rule.pattern?.source ?? (optional ? undefined : NOT_BLANK);
      const text: Json = pattern === undefined ? { type: ['string', 'number'] } : { type: 'string', pattern };
      const schema = pattern === undefined ? text : withVariable(text);
      return { ...base, ...orNull(schema, optional), ...(rule.default !== undefined ? { default: rule.default } : {}) };
    }
    case 'number':
      return {
        ...base,
        ...orNull({ type: rule.integer ? 'integer' : 'number', minimum: rule.min, maximum: rule.max }, optional),
        ...(rule.default !== undefined ? { default: rule.default } : {}),
      };
    case 'boolean':
      return { ...base, ...orNull({ type: 'boolean' }, optional), ...(rule.default !== undefined ? { default: rule.default } : {}) };
    case 'choice':
      return { ...base, ...orNull(withVariable({ enum: [...rule.values] }), optional), ...(rule.default !== undefined ? { default: rule.default } : {}) };
    case 'names': {
      const names = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', minLength: 1 }, ...(optional ? {} : { minItems: 1 }) }] };
      return { ...base, ...orNull(names, optional) };
    }
    case 'mapping': {
      const mapping = mappingToSchema(rule, strict);
      const short = rule.shorthandKey !== undefined ? ruleToSchema(rule.keys[rule.shorthandKey]!, strict) : undefined;
      return { ...base, ...orNull(short ? { anyOf: [short, mapping] } : mapping, optional) };
    }
    case 'named': {
      const named = { type: 'object', minProperties: 1, additionalProperties: { anyOf: [ruleToSchema(rule.shorthand, strict), mappingToSchema(rule.value, strict)] } };
      return { ...base, ...orNull(named, optional) };
    }
    case 'list':
      return { ...base, ...orNull({ type: 'array', items: mappingToSchema(rule.item, strict) }, optional) };
    case 'options':
      return { ...base, ...orNull({ type: 'object' }, optional) };
  }
}

function mappingToSchema(rule: MappingRule, strict: boolean): Json {
  const entries = Object.entries(rule.keys);
  const schema: Json = {
    type: 'object',
    properties: Object.fromEntries(entries.map(([key, child]) => [key, ruleToSchema(child, strict)])),
    additionalProperties: false,
  };
  if (!strict) return schema;
  const required = entries.filter(([, child]) => child.required !== undefined && !child.filledByLoader).map(([key]) => key);
  if (required.length > 0) schema.required = required;
  const conditional = entries.flatMap(([key, child]) =>
    child.kind === 'text' && child.requiredWhen
      ? [
          {
            if: { properties: { [child.requiredWhen.key]: { const: child.requiredWhen.equals } }, required: [child.requiredWhen.key] },
            then: { required: [key], properties: { [key]: { type: 'string', pattern: NOT_BLANK } } },
          },
        ]
      : [],
  );
  if (conditional.length > 0) schema.allOf = conditional;
  if (rule.exactlyOne) schema.oneOf = rule.exactlyOne.map((key) => ({ required: [key] }));
  return schema;
}

/**
 * The JSON Schema of a pipeline definition file, from the rules the loader
 * applies. A file that `extends` another, or is a `template`, may leave
 * required keys to its base; any other file must have them.
 */
export function pipelineJsonSchema(): Json {
  const file: MappingRule = { ...DEFINITION_RULES, keys: { ...FILE_RULES.keys, ...DEFINITION_RULES.keys } };
  const { required: _r, allOf: _a, ...relaxed } = mappingToSchema(file, false);
  const strict = mappingToSchema(file, true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'dropline pipeline definition',
    description: DEFINITION_RULES.description,
    ...relaxed,
    if: { anyOf: [{ required: ['extends'] }, { required: ['template'], properties: { template: { const: true } } }] },
    else: strict,
  };
}
