import { inject, injectable } from 'inversify';
import { PipelineSession } from '../scope/PipelineSession.js';
import { SinkPublisher, type SinkReport } from '../sinks/SinkPublisher.js';

/** `dropline sync`: under the pipeline's lock, brings every sink up to the newest snapshot (nothing to do when all show it). */
@injectable()
export class SinkSync {
  constructor(
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(SinkPublisher) private readonly publisher: SinkPublisher,
  ) {}

  async sync(wait: number): Promise<SinkReport[]> {
    const sinks = await this.session.openSinks();
    return this.session.locked('dropline sync', wait, () => this.publisher.publish(this.session.context.definition, sinks));
  }
}
