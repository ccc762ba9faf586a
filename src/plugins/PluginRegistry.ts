import { DroplineError } from '../errors/DroplineError.js';
import { definitionError } from '../errors/definitionError.js';
import { didYouMean } from '../util/didYouMean.js';
import { exportedClasses, type ModuleLoader } from './ModuleLoader.js';

/** What kind of plug-in a registry holds, as its messages name it. */
export interface PluginKind {
  /** The interface a class must implement: `Source`, `Sink`. */
  readonly name: string;
  /** The base class users extend, named in the fix. */
  readonly base: string;
  /** The methods an instance must have. */
  readonly methods: readonly string[];
}

/** Where a definition names a plug-in: `type`, or `module` (a file exporting the class) which wins. */
export interface PluginEntry {
  type: string;
  module?: string;
}

/**
 * The classes of one plug-in point by `type` (built-in or added by plug-ins),
 * and the lookup of the class a definition names (by type, or a `module` file
 * exporting it), with the errors that say what is known. Generic over the
 * class, so sources and sinks share one mechanism.
 */
export class PluginRegistry<C extends abstract new (...args: never[]) => unknown> {
  private readonly types = new Map<string, C>();

  constructor(
    private readonly kind: PluginKind,
    private readonly modules: ModuleLoader,
  ) {}

  register(type: string, cls: C): void {
    this.types.set(type, cls);
  }

  knownTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  /** The class `entry` names at `key` (`source`, `sinks[0]`) of the definition in `file`. */
  async classFor(entry: PluginEntry, key: string, file: string, pipeline: string): Promise<C> {
    if (entry.module) return this.fromModule(entry.module, key, file, pipeline);
    const cls = this.types.get(entry.type);
    if (cls) return cls;
    const known = this.knownTypes();
    const problem = `"${entry.type}" is not known${didYouMean(entry.type, known)} (known: ${known.join(', ')}; or name your own class with ${key}.module)`;
    throw definitionError(file, `${key}.type`, problem, pipeline);
  }

  /** Refuses an instance missing a method of the interface; `where` names it in the definition. */
  checkImplements(instance: unknown, cls: C, where: string, key: string, file: string, pipeline: string): void {
    const missing = this.kind.methods.filter((m) => typeof (instance as Record<string, unknown>)[m] !== 'function');
    if (missing.length === 0) return;
    const { name, base } = this.kind;
    throw new DroplineError(
      'PLUGIN_INVALID',
      `${file}: ${where}: class ${cls.name} does not implement ${name} (missing: ${missing.join(', ')}); extend ${base} from "dropline-cli"`,
      {
        key,
        pipeline,
      },
    );
  }

  private async fromModule(specifier: string, key: string, file: string, pipeline: string): Promise<C> {
    const module = await this.modules.import(specifier, `${key}.module`, file);
    const classes = exportedClasses(module);
    const chosen = classes.find(([name]) => name === 'default') ?? (classes.length === 1 ? classes[0] : undefined);
    if (chosen) return chosen[1] as unknown as C;
    const names = classes.map(([n]) => n).join(', ') || 'none';
    throw new DroplineError('PLUGIN_INVALID', `${file}: ${key}.module "${specifier}" must export its ${this.kind.name} class as default (classes exported: ${names})`, {
      key: `${key}.module`,
      pipeline,
    });
  }
}
