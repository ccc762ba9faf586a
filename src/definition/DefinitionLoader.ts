import { access, readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { inject, injectable } from 'inversify';
import { parse, YAMLParseError } from 'yaml';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { nearest } from '../util/didYouMean.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { PipelineDefinition } from './PipelineDefinition.js';
import { parseDefinition } from './parseDefinition.js';

const EXTENSIONS = ['.yaml', '.yml'];

export interface PipelineSummary {
  name: string;
  description: string;
  file: string;
}

/** Finds and reads `pipelines/<name>.yaml` in the workspace. */
@injectable()
export class DefinitionLoader {
  constructor(@inject(TOKENS.Workspace) private readonly workspace: Workspace) {}

  /** Names of the definition files in pipelines/, sorted. */
  async names(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.workspace.pipelinesDir);
    } catch {
      return [];
    }
    return entries
      .filter((f) => EXTENSIONS.includes(extname(f)) && !f.startsWith('.'))
      .map((f) => basename(f, extname(f)))
      .sort();
  }

  async list(): Promise<PipelineSummary[]> {
    const result: PipelineSummary[] = [];
    for (const name of await this.names()) {
      const definition = await this.load(name);
      result.push({ name: definition.name, description: definition.description, file: this.workspace.display(definition.file) });
    }
    return result;
  }

  async load(name: string): Promise<PipelineDefinition> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
      throw new DroplineError('USAGE', `"${name}" is not a pipeline name; names use letters, digits, ".", "_" and "-"`, { pipeline: name });
    }
    const file = await this.find(name);
    const display = this.workspace.display(file);
    const text = await readFile(file, 'utf8');
    let doc: unknown;
    try {
      doc = parse(text, { prettyErrors: true, uniqueKeys: true });
    } catch (err) {
      const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}` : '';
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new DroplineError('DEFINITION_INVALID', `${display}${where}: not valid YAML: ${why}`, { file: display, pipeline: name }, { cause: err });
    }
    const definition = parseDefinition(doc, display, file);
    if (definition.name !== name) {
      throw new DroplineError(
        'DEFINITION_INVALID',
        `${display}: name "${definition.name}" differs from the file name; rename the file to ${definition.name}.yaml or set "name: ${name}"`,
        { file: display, key: 'name', pipeline: name },
      );
    }
    return definition;
  }

  private async find(name: string): Promise<string> {
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
    const hint = guess ? `did you mean "${guess}"? ` : '';
    const listing = known.length ? `(pipelines: ${known.join(', ')})` : `(no definitions in ${this.workspace.display(this.workspace.pipelinesDir)}/)`;
    throw new DroplineError('DEFINITION_NOT_FOUND', `pipeline "${name}" not found: no pipelines/${name}.yaml; ${hint}${listing}`, { pipeline: name });
  }
}
