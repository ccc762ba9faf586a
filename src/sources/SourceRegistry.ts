import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { didYouMean } from '../util/didYouMean.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CsvReader } from './CsvReader.js';
import { DirectorySource } from './DirectorySource.js';
import type { Source, SourceFactory } from './Source.js';

export type SourceConstructor = (definition: PipelineDefinition) => Source;

/** Knows every source `type` and builds the one a definition names. */
@injectable()
export class SourceRegistry implements SourceFactory {
  private readonly types = new Map<string, SourceConstructor>();

  constructor(@inject(TOKENS.Workspace) workspace: Workspace, @inject(TOKENS.CsvReader) reader: CsvReader) {
    this.register('directory', (definition) => new DirectorySource(definition, workspace, reader));
  }

  register(type: string, create: SourceConstructor): void {
    this.types.set(type, create);
  }

  knownTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  create(definition: PipelineDefinition): Source {
    const create = this.types.get(definition.source.type);
    if (!create) {
      const known = this.knownTypes();
      throw new DroplineError(
        'DEFINITION_INVALID',
        `${definition.file}: source.type "${definition.source.type}" is not known${didYouMean(definition.source.type, known)} (known: ${known.join(', ')})`,
        { key: 'source.type', pipeline: definition.name },
      );
    }
    return create(definition);
  }
}
