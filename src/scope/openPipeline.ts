import { Container } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { loadPlugins } from '../container/createContainer.js';
import { DropInspector } from '../runner/DropInspector.js';
import { RowHistory } from '../query/RowHistory.js';
import { PipelineHistory } from '../runner/PipelineHistory.js';
import { ByteEngine } from '../engine/ByteEngine.js';
import { MergeEngines } from '../runner/MergeEngines.js';
import { ReferenceEngine } from '../runner/ReferenceEngine.js';
import { PipelineRunner } from '../runner/PipelineRunner.js';
import { ArchiveRetention } from '../retention/ArchiveRetention.js';
import { Retention } from '../runner/Retention.js';
import { RunHooks } from '../runner/RunHooks.js';
import { SinkSync } from '../runner/SinkSync.js';
import { RejectStates } from '../rejects/RejectStates.js';
import { RejectsWorklist } from '../rejects/RejectsWorklist.js';
import { Replayer } from '../rejects/Replayer.js';
import { TOKENS } from '../tokens.js';
import { PipelineContext } from './PipelineContext.js';
import { PipelineSession } from './PipelineSession.js';
import { PipelineStore } from './PipelineStore.js';
import { StoreRecovery } from './StoreRecovery.js';

export interface OpenPipelineOptions {
  /** Refuse a definition whose paths are wrong or clash (DEFINITION_INVALID), as commands that change things do. */
  checked?: boolean;
  /** Load the workspace's plug-in file and the definition's `plugins:` into `container` (default true); false when they are loaded already. */
  plugins?: boolean;
}

/**
 * One pipeline's scope: loads its definition once, then the plug-ins it lists
 * (into `container`, so they may rebind stages), and returns a child container
 * holding the definition (PipelineContext), its source and sinks, its lock and
 * recovery (PipelineSession), a store bound to it (PipelineStore) and the
 * commands that act on it: PipelineRunner, PipelineHistory, DropInspector, RowHistory, SinkSync,
 * RejectsWorklist and Replayer.
 */
export async function openPipeline(container: Container, name: string, options: OpenPipelineOptions = {}): Promise<Container> {
  const definitions = container.get(DefinitionLoader);
  const definition = await definitions.load(name);
  if (options.plugins !== false) await loadPlugins(container, definition);
  const context = new PipelineContext(definition, container.get(TOKENS.Workspace), container.get(TOKENS.Logger), definitions);
  if (options.checked) await context.check();
  const scope = new Container({ parent: container });
  scope.bind(PipelineContext).toConstantValue(context);
  scope.bind(PipelineSession).toSelf().inSingletonScope();
  scope.bind(PipelineStore).toSelf().inSingletonScope();
  scope.bind(StoreRecovery).toSelf().inSingletonScope();
  scope.bind(Retention).toSelf().inSingletonScope();
  scope.bind(ArchiveRetention).toSelf().inSingletonScope();
  scope.bind(RunHooks).toSelf().inSingletonScope();
  scope.bind(ReferenceEngine).toSelf().inSingletonScope();
  scope.bind(ByteEngine).toSelf().inSingletonScope();
  scope.bind(MergeEngines).toSelf().inSingletonScope();
  scope.bind(PipelineRunner).toSelf().inSingletonScope();
  scope.bind(PipelineHistory).toSelf().inSingletonScope();
  scope.bind(DropInspector).toSelf().inSingletonScope();
  scope.bind(RowHistory).toSelf().inSingletonScope();
  scope.bind(SinkSync).toSelf().inSingletonScope();
  scope.bind(RejectStates).toSelf().inSingletonScope();
  scope.bind(RejectsWorklist).toSelf().inSingletonScope();
  scope.bind(Replayer).toSelf().inSingletonScope();
  return scope;
}
