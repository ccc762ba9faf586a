import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { DropGenerator } from '../generate/DropGenerator.js';
import { ModuleLoader } from '../plugins/ModuleLoader.js';
import { PluginLoader } from '../plugins/PluginLoader.js';
import type { Logger } from '../logging/Logger.js';
import { LatestRowMerger } from '../merge/LatestRowMerger.js';
import { InputIngestor } from '../runner/InputIngestor.js';
import { PipelineChecker } from '../runner/PipelineChecker.js';
import { RejectsJournal } from '../snapshots/RejectsJournal.js';
import { PipelineStatus } from '../status/PipelineStatus.js';
import { RunRecorder } from '../status/RunRecorder.js';
import { StatusBoard } from '../status/StatusBoard.js';
import { PipelineLocks } from '../locking/PipelineLocks.js';
import { Progress } from '../util/Progress.js';
import type { ProgressHook } from '../util/ProgressHook.js';
import { SnapshotBrowser } from '../query/SnapshotBrowser.js';
import { SnapshotExport } from '../query/SnapshotExport.js';
import { SnapshotQuery } from '../query/SnapshotQuery.js';
import { TableCache } from '../query/TableCache.js';
import { ApiServer } from '../server/ApiServer.js';
import { FileSnapshotStore } from '../snapshots/FileSnapshotStore.js';
import { CsvReader } from '../sources/CsvReader.js';
import { sinksModule } from '../sinks/sinksModule.js';
import { SourceRegistry } from '../sources/SourceRegistry.js';
import { TOKENS } from '../tokens.js';
import { SystemClock, type Clock } from '../util/Clock.js';
import { SchemaValidator } from '../validation/SchemaValidator.js';
import { Workspace } from '../workspace/Workspace.js';
import { readTeamConfig } from '../team/TeamConfig.js';
import { teamModule } from '../team/teamModule.js';
import { AlertHook } from '../alerts/AlertHook.js';
import { Alerts } from '../alerts/Alerts.js';
import { readWorkspaceAlerts, WORKSPACE_ALERTS } from '../alerts/workspaceAlerts.js';

export interface ContainerOptions {
  root: string;
  logger: Logger;
  clock?: Clock;
  /** `--set NAME=value` values for `${NAME}` in definitions. */
  variables?: Record<string, string>;
  /** Told where long commands are (the CLI's progress line); more can be bound to TOKENS.ProgressHook. */
  progress?: ProgressHook;
}

/** Shared services: where the workspace is, what time it is, where logs go. */
export function coreModule(options: ContainerOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Workspace).toConstantValue(new Workspace(options.root));
    bind(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
    bind(TOKENS.Logger).toConstantValue(options.logger);
    bind(TOKENS.Variables).toConstantValue(options.variables ?? {});
    if (options.progress) bind(TOKENS.ProgressHook).toConstantValue(options.progress);
    bind(Progress).toSelf().inSingletonScope();
  });
}

/** The stages: plug-in points bound to their tokens (a plug-in module may rebind them), internal services by class. */
export const stagesModule = new ContainerModule(({ bind }) => {
  bind(DefinitionLoader).toSelf().inSingletonScope();
  bind(TOKENS.CsvReader).to(CsvReader).inSingletonScope();
  bind(TOKENS.ModuleLoader).to(ModuleLoader).inSingletonScope();
  bind(PluginLoader).toSelf().inSingletonScope();
  bind(TOKENS.SourceFactory).to(SourceRegistry).inSingletonScope();
  bind(TOKENS.Validator).to(SchemaValidator).inSingletonScope();
  bind(TOKENS.Merger).to(LatestRowMerger).inSingletonScope();
  bind(TOKENS.SnapshotStore).to(FileSnapshotStore).inSingletonScope();
  bind(InputIngestor).toSelf().inSingletonScope();
  bind(PipelineLocks).toSelf().inSingletonScope();
  bind(RejectsJournal).toSelf().inSingletonScope();
  bind(DropGenerator).toSelf().inSingletonScope();
  bind(PipelineChecker).toSelf().inSingletonScope();
  bind(Alerts).toSelf().inSingletonScope();
  bind(TOKENS.AfterCommitHook).to(AlertHook).inSingletonScope();
  bind(RunRecorder).toSelf().inSingletonScope();
});

/** The read side: queries over snapshots and the HTTP server that answers them (`dropline serve`). */
export const queryModule = new ContainerModule(({ bind }) => {
  bind(TableCache).toSelf().inSingletonScope();
  bind(SnapshotQuery).toSelf().inSingletonScope();
  bind(SnapshotBrowser).toSelf().inSingletonScope();
  bind(SnapshotExport).toSelf().inSingletonScope();
  bind(ApiServer).toSelf().inSingletonScope();
  bind(PipelineStatus).toSelf().inSingletonScope();
  bind(StatusBoard).toSelf().inSingletonScope();
});

/** The container with dropline's own bindings only; in team mode (dropline.yaml has `catalog:`), its state in the catalog. */
export function createContainer(options: ContainerOptions): Container {
  const container = new Container();
  container.load(coreModule(options), stagesModule, queryModule, sinksModule);
  container.bind(WORKSPACE_ALERTS).toConstantValue(readWorkspaceAlerts(options.root));
  const team = readTeamConfig(options.root);
  if (team) container.load(teamModule(team));
  return container;
}

/**
 * The container a command uses: dropline's bindings, then the workspace's
 * plug-in module and, when the command is about one pipeline, the plug-ins its
 * definition lists. Stages are built after this, so plug-ins can replace them.
 * (A command about one pipeline opens its scope instead: openPipeline.)
 */
export async function createContainerWithPlugins(options: ContainerOptions, pipeline?: string): Promise<Container> {
  const container = createContainer(options);
  await loadPlugins(container, pipeline === undefined ? undefined : await container.get(DefinitionLoader).load(pipeline));
  return container;
}

/** Loads the workspace's plug-in file and, given a definition, the plug-ins it lists, into `container`. */
export async function loadPlugins(container: Container, definition?: PipelineDefinition): Promise<void> {
  const plugins = container.get(PluginLoader);
  const file = definition?.file ? container.get(TOKENS.Workspace).display(definition.file) : 'workspace';
  await plugins.load(container, plugins.files(definition?.plugins ?? []), file);
}
