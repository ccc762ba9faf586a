/**
 * What one key of a definition file may hold, as data: the loader reads its
 * key lists, allowed values, ranges, defaults and required-ness from these
 * rules, and the build turns the same rules into the JSON Schema editors use
 * (`schema/pipeline.schema.json`), so the two cannot drift apart.
 */
interface Described {
  description: string;
  /** Set when the key must be given: the hint the error shows (`is required: <hint>`). */
  required?: string;
  /** Required of a definition, but a file may leave it out: the loader fills it in (`name`, from the file name). */
  filledByLoader?: boolean;
  /** Optional, but when given it must have a value: null (`key:` alone) is refused. */
  notNull?: boolean;
}

/** Text (a number is taken as its text). */
export interface TextRule extends Described {
  kind: 'text';
  default?: string;
  /** What the text must match (after `${variables}` are filled in). */
  pattern?: RegExp;
  /** Required only when a sibling key has this value (`source.path` for `type: directory`). */
  requiredWhen?: { key: string; equals: string; hint: string };
}

export interface NumberRule extends Described {
  kind: 'number';
  min: number;
  max: number;
  integer?: boolean;
  default?: number;
}

export interface BooleanRule extends Described {
  kind: 'boolean';
  default?: boolean;
}

/** One of a closed set of words. */
export interface ChoiceRule extends Described {
  kind: 'choice';
  values: readonly string[];
  default?: string;
}

/** A name, or a list of non-empty names. */
export interface NamesRule extends Described {
  kind: 'names';
}

/** Keys with their own rules; any other key is refused. */
export interface MappingRule extends Described {
  kind: 'mapping';
  keys: Record<string, Rule>;
  /** What an unknown key is told instead of "did you mean", `{key}` standing for it. */
  strayKeyHint?: string;
  /** Exactly one of these keys must be given (`url` or `urlEnv`). */
  exactlyOne?: readonly string[];
  /** A plain text may stand for the whole mapping: it is the value of this key (`schedule: "0 6 * * *"`). */
  shorthandKey?: string;
}

/** Names of the user's choosing, each mapped to `value` or given as the `shorthand` alone (`id: string`). */
export interface NamedRule extends Described {
  kind: 'named';
  value: MappingRule;
  shorthand: ChoiceRule;
}

export interface ListRule extends Described {
  kind: 'list';
  item: MappingRule;
}

/** A mapping whose keys a class declares (`static options`): checked when the class is known. */
export interface OptionsRule extends Described {
  kind: 'options';
}

export type Rule = TextRule | NumberRule | BooleanRule | ChoiceRule | NamesRule | MappingRule | NamedRule | ListRule | OptionsRule;

/** The keys a mapping rule allows, in the order they are documented. */
export function keysOf(rule: MappingRule): string[] {
  return Object.keys(rule.keys);
}
