import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { DropGenerator } from '../generate/DropGenerator.js';
import type { Logger } from '../logging/Logger.js';
import { LatestRowMerger } from '../merge/LatestRowMerger.js';
import { DropInspector } from '../runner/DropInspector.js';
import { InputIngestor } from '../runner/InputIngestor.js';
import { PipelineHistory } from '../runner/PipelineHistory.js';
import { PipelineLocks } from '../runner/PipelineLocks.js';
import { PipelineRunner } from '../runner/PipelineRunner.js';
import { SnapshotBrowser } from '../runner/SnapshotBrowser.js';
import { FileSnapshotStore } from '../snapshots/FileSnapshotStore.js';
import { CsvReader } from '../sources/CsvReader.js';
import { SourceRegistry } from '../sources/SourceRegistry.js';
import { TOKENS } from '../tokens.js';
import { SystemClock, type Clock } from '../util/Clock.js';
import { SchemaValidator } from '../validation/SchemaValidator.js';
import { Workspace } from '../workspace/Workspace.js';

export interface ContainerOptions {
  root: string;
  logger: Logger;
  clock?: Clock;
}

/** Shared services: where the workspace is, what time it is, where logs go. */
export function coreModule(options: ContainerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Workspace).toConstantValue(new Workspace(options.root));
    bind(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
    bind(TOKENS.Logger).toConstantValue(options.logger);
  });
}

/** The stages, one binding per plug-in point; a plug-in module may rebind any of them. */
export const stagesModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.DefinitionLoader).to(DefinitionLoader).inSingletonScope();
  bind(TOKENS.CsvReader).to(CsvReader).inSingletonScope();
  bind(TOKENS.SourceFactory).to(SourceRegistry).inSingletonScope();
  bind(TOKENS.Validator).to(SchemaValidator).inSingletonScope();
  bind(TOKENS.Merger).to(LatestRowMerger).inSingletonScope();
  bind(TOKENS.SnapshotStore).to(FileSnapshotStore).inSingletonScope();
  bind(TOKENS.InputIngestor).to(InputIngestor).inSingletonScope();
  bind(TOKENS.DropInspector).to(DropInspector).inSingletonScope();
  bind(TOKENS.PipelineLocks).to(PipelineLocks).inSingletonScope();
  bind(TOKENS.PipelineHistory).to(PipelineHistory).inSingletonScope();
  bind(TOKENS.SnapshotBrowser).to(SnapshotBrowser).inSingletonScope();
  bind(TOKENS.PipelineRunner).to(PipelineRunner).inSingletonScope();
  bind(TOKENS.DropGenerator).to(DropGenerator).inSingletonScope();
});

/** The container every command asks for its services. */
export function createContainer(options: ContainerOptions): Container {
  const container = new Container();
  container.load(coreModule(options), stagesModule);
  return container;
}
