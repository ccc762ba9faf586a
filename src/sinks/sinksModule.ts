import { ContainerModule } from 'inversify';
import { TOKENS } from '../tokens.js';
import { SinkPublisher } from './SinkPublisher.js';
import { SinkRegistry } from './SinkRegistry.js';

/** Sinks: the registry of sink types and the publisher the runner, reset, clean and sync call. */
export const sinksModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.SinkFactory).to(SinkRegistry).inSingletonScope();
  bind(SinkPublisher).toSelf().inSingletonScope();
});
