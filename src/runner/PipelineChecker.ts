import { inject, injectable } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { SinkFactory } from '../sinks/Sink.js';
import type { SourceFactory } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import type { Workspace } from '../workspace/Workspace.js';

/** The workspace paths a definition names, with their keys: each must stay inside the workspace. */
function paths(d: PipelineDefinition): [string, string][] {
  return [
    ['output.path', d.output.path],
    ['snapshots.path', d.snapshots.path],
    ['validation.rejects', d.validation.rejects],
    ['validation.quarantine', d.validation.quarantine],
  ];
}

/**
 * `dropline check` for one pipeline, in a container holding its plug-ins:
 * the definition loaded, its source and every sink built and checked as a run
 * builds them (nothing connected, nothing read or written), its paths resolved.
 * Returns every problem found, not only the first.
 */
@injectable()
export class PipelineChecker {
  constructor(
    @inject(DefinitionLoader) private readonly definitions: DefinitionLoader,
    @inject(TOKENS.SourceFactory) private readonly sources: SourceFactory,
    @inject(TOKENS.SinkFactory) private readonly sinks: SinkFactory,
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
  ) {}

  async check(name: string): Promise<unknown[]> {
    const definition = await this.definitions.load(name);
    const problems: unknown[] = [];
    const attempt = async (step: () => unknown): Promise<void> => {
      try {
        await step();
      } catch (err) {
        problems.push(err);
      }
    };
    await attempt(() => this.sources.create(definition));
    const file = this.workspace.display(definition.file);
    const before = problems.length;
    for (const [key, path] of paths(definition)) {
      await attempt(() => {
        try {
          this.workspace.resolve(path, key);
        } catch (err) {
          throw err instanceof DroplineError ? new DroplineError(err.code, `${file}: ${err.message}`, { ...err.context, file, pipeline: name }, { cause: err }) : err;
        }
      });
    }
    // Where it reads and writes, on its own and against the other pipelines, as commands that change things check it.
    if (problems.length === before) await attempt(() => this.definitions.loadChecked(name));
    if (this.sinks.check) problems.push(...(await this.sinks.check(definition)));
    else await attempt(() => this.sinks.create(definition));
    return problems;
  }
}
