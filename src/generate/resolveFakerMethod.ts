import { definitionError } from '../errors/definitionError.js';
import type { Faker } from '@faker-js/faker';
import { nearest } from '../util/didYouMean.js';

/** Where a faker path came from, for messages. */
export interface FakerPathSource {
  pipeline: string;
  file: string;
  column: string;
}

/**
 * Turns a column's `faker` path (`company.buzzPhrase`) into a bound, argument-free
 * function. Anything that is not `<module>.<method>` of this Faker throws
 * DroplineError('DEFINITION_INVALID') naming the column, with the nearest method.
 */
export function resolveFakerMethod(faker: Faker, path: string, source: FakerPathSource): () => unknown {
  const [moduleName = '', methodName = '', ...rest] = path.split('.');
  const modules = fakerModules(faker);
  const module = modules.get(moduleName);
  if (module && rest.length === 0 && methodsOf(module).includes(methodName)) {
    const method = (module as Record<string, (...args: unknown[]) => unknown>)[methodName]!;
    return () => method.call(module);
  }
  throw definitionError(source.file, `schema.columns.${source.column}.faker`, `"${path}" is not a Faker method; ${suggest(modules, moduleName, methodName)}`, source.pipeline);
}

function suggest(modules: Map<string, object>, moduleName: string, methodName: string): string {
  const moduleGuess = modules.has(moduleName) ? moduleName : nearest(moduleName, [...modules.keys()]);
  if (moduleGuess === undefined) {
    return `write <module>.<method>, e.g. company.buzzPhrase, person.fullName, internet.email (modules: ${[...modules.keys()].join(', ')})`;
  }
  const methods = methodsOf(modules.get(moduleGuess)!);
  const methodGuess = nearest(methodName, methods);
  if (methodGuess !== undefined) return `did you mean "${moduleGuess}.${methodGuess}"?`;
  return `${moduleGuess} has ${methods
    .map((m) => `${moduleGuess}.${m}`)
    .slice(0, 8)
    .join(', ')}${methods.length > 8 ? ', ...' : ''}`;
}

/** Faker's modules (`company`, `person`, ...) by name. */
function fakerModules(faker: Faker): Map<string, object> {
  const modules = new Map<string, object>();
  for (const [name, value] of Object.entries(faker)) {
    if (name !== 'fakerCore' && typeof value === 'object' && value !== null) modules.set(name, value);
  }
  return modules;
}

/** Public method names of a module, along its prototype chain. */
function methodsOf(module: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = module; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name.startsWith('_')) continue;
      if (typeof (module as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names].sort();
}
