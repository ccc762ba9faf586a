import { definitionError } from '../errors/definitionError.js';
import { access, readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { nearest } from '../util/didYouMean.js';
import type { Workspace } from '../workspace/Workspace.js';
import { checkOwnPaths } from './checkOwnPaths.js';
import { findPathClashes, type PlacedPipeline } from './findPathClashes.js';
import type { PipelineDefinition } from './PipelineDefinition.js';
import { parseDefinition, PIPELINE_NAME } from './parseDefinition.js';
import { pipelinePaths } from './pipelinePaths.js';
import { resolveDocument, type YamlCache } from './resolveDocument.js';
import { ruleProblems } from './ruleProblems.js';

const EXTENSIONS = ['.yaml', '.yml'];

export interface PipelineSummary {
  name: string;
  description: string;
  file: string;
  /** Set when the definition cannot be loaded now (bad YAML, a variable not set...): one broken file does not hide the others. */
  error?: string;
}

/**
 * Finds and reads pipeline definitions: `pipelines/<name>.yaml`, where a name
 * may have folders (`clients/acme`). Files with `template: true` are bases for
 * `extends:` and not pipelines themselves.
 */
@injectable()
export class DefinitionLoader {
  /** Every loadable pipeline's places, read once per loader (one CLI command) when a command first needs them. */
  private placed?: Promise<Map<string, PlacedPipeline>>;

  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Variables) private readonly variables: Record<string, string>,
  ) {}

  /** Names of the definition files under pipelines/ (templates included), sorted. */
  async names(): Promise<string[]> {
    const root = this.workspace.pipelinesDir;
    let entries;
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch {
      return [];
    }
    return entries
      .filter((e) => e.isFile() && EXTENSIONS.some((x) => e.name.endsWith(x)) && !e.name.startsWith('.'))
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
      .map((f) => f.replace(/\.ya?ml$/, ''))
      .sort();
  }

  /** The pipelines (templates left out) with their descriptions. */
  async list(): Promise<PipelineSummary[]> {
    this.placed = undefined; // read the workspace afresh: list shows clashes as they are now
    const result: PipelineSummary[] = [];
    for (const name of await this.names()) {
      try {
        const doc = await this.document(name);
        if (doc.template === true) continue;
        const definition = await this.load(name);
        const summary = { name: definition.name, description: definition.description, file: this.workspace.display(definition.file) };
        // One that loads but clashes with another keeps its description beside the error.
        const clash = await this.loadChecked(name).then(
          () => null,
          (err: DroplineError) => `error[${err.code}]: ${err.message}`,
        );
        result.push(clash ? { ...summary, error: clash } : summary);
      } catch (err) {
        const code = err instanceof DroplineError ? `error[${err.code}]: ` : '';
        result.push({ name, description: '', file: `pipelines/${name}.yaml`, error: `${code}${(err as Error).message}` });
      }
    }
    return result;
  }

  async load(name: string): Promise<PipelineDefinition> {
    return this.loadWith(name, this.variables);
  }

  private async loadWith(name: string, set: Record<string, string>, cache?: YamlCache): Promise<PipelineDefinition> {
    const doc = await this.document(name, set, cache);
    const file = await this.find(name);
    const display = this.workspace.display(file);
    if (doc.template === true) {
      throw new DroplineError('USAGE', `${display} is a template (template: true): run a pipeline that extends it instead`, { pipeline: name });
    }
    const { template: _t, ...rest } = doc;
    const given = rest.name;
    if (given !== undefined && given !== name && given !== basename(name)) {
      throw definitionError(display, 'name', `"${String(given)}" differs from the file name; rename the file or set "name: ${basename(name)}"`, name);
    }
    return parseDefinition({ ...rest, name }, display, file);
  }

  /**
   * Every problem of a definition, not only the first (`dropline check`): the
   * error loading it meets first, then what the rules find elsewhere in the file.
   */
  async problems(name: string): Promise<unknown[]> {
    try {
      await this.load(name);
      return [];
    } catch (first) {
      if (!(first instanceof DroplineError) || first.code !== 'DEFINITION_INVALID') return [first];
      const doc = await this.document(name).catch(() => undefined);
      if (doc === undefined) return [first];
      const { template: _t, ...rest } = doc;
      const others = ruleProblems({ ...rest, name }, this.workspace.display(await this.find(name)));
      return [first, ...others.filter((p) => p.context.key !== first.context.key && p.message !== first.message)];
    }
  }

  /**
   * The definition, refused with DEFINITION_INVALID when where it writes is
   * wrong on its own (output.path a folder, latest.csv inside its drop) or
   * clashes with another pipeline's places. For commands that change things;
   * the other pipelines are read once per loader, not per call.
   */
  async loadChecked(name: string): Promise<PipelineDefinition> {
    const definition = await this.load(name);
    await this.check(definition);
    return definition;
  }

  /** Refuses a loaded definition as loadChecked does (DEFINITION_INVALID); for a definition loaded once and checked later. */
  async check(definition: PipelineDefinition): Promise<void> {
    const name = definition.name;
    const display = this.workspace.display(definition.file);
    const fail = (problem: string): DroplineError => new DroplineError('DEFINITION_INVALID', `${display}: ${problem}`, { file: display, pipeline: name });
    const paths = pipelinePaths(definition, this.workspace);
    const own = await checkOwnPaths(paths);
    if (own !== null) throw fail(own);
    const others = [...(await this.placements()).entries()].filter(([other]) => other !== name).map(([, placed]) => placed);
    const clashes = findPathClashes({ file: display, paths }, others, (f) => this.workspace.display(f));
    if (clashes.length > 0) {
      const more = clashes.length > 1 ? ` (and ${clashes.length - 1} more clash(es): ${clashes.slice(1).join('; ')})` : '';
      throw fail(`${clashes[0]}${more}; pipelines that share a file or folder overwrite or read each other's data: give each its own`);
    }
  }

  /** Every pipeline that loads (templates and broken files left out) with where it reads and writes, by name. */
  placements(): Promise<Map<string, PlacedPipeline>> {
    this.placed ??= (async () => {
      // Read together, each base once: this runs once per command that changes things.
      const cache: YamlCache = new Map();
      const loaded = await Promise.all(
        (await this.names()).map(async (name) => {
          try {
            // As they run by themselves: --set is for the pipeline this command is about.
            const definition = await this.loadWith(name, {}, cache);
            return [[name, { file: this.workspace.display(definition.file), paths: pipelinePaths(definition, this.workspace) }] as const];
          } catch {
            return []; // templates and definitions that do not load are not pipelines: they write nothing
          }
        }),
      );
      return new Map(loaded.flat());
    })();
    return this.placed;
  }

  private async document(name: string, set = this.variables, cache?: YamlCache): Promise<Record<string, unknown>> {
    const file = await this.find(name);
    return resolveDocument(file, (f) => this.workspace.display(f), { set, env: process.env }, cache);
  }

  private async find(name: string): Promise<string> {
    if (!PIPELINE_NAME.test(name)) {
      throw new DroplineError('USAGE', `"${name}" is not a pipeline name; names use letters, digits, ".", "_", "-" and "/" between folders`, { pipeline: name });
    }
    for (const ext of EXTENSIONS) {
      const file = join(this.workspace.pipelinesDir, name + ext);
      try {
        await access(file);
        return file;
      } catch {
        // try the next extension
      }
    }
    const known = await this.names();
    const guess = nearest(name, known);
    const hint = guess ? `; did you mean "${guess}"?` : '';
    const listing = known.length
      ? `(pipelines: ${known.join(', ')})`
      : `(no definitions in ${this.workspace.pipelinesDir}; create one, or start from an example with: dropline init)`;
    throw new DroplineError('DEFINITION_NOT_FOUND', `pipeline "${name}" not found: no pipelines/${name}.yaml${hint} ${listing}`, { pipeline: name });
  }
}
