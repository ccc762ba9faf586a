import type { Container } from 'inversify';
import { openPipeline } from '../../src/scope/openPipeline.js';

/** A pipeline's scope in a container made by createContainer (no plug-ins), opened afresh so each call reads the definition as it is now. */
export function pipelineScope(container: Container, name: string): Promise<Container> {
  return openPipeline(container, name, { plugins: false });
}
