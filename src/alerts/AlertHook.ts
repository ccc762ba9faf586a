import { inject, injectable } from 'inversify';
import type { AfterCommitHook, RunContext } from '../runner/LifecycleHooks.js';
import type { RunSummary } from '../runner/RunSummary.js';
import { Alerts } from './Alerts.js';

/** Tells the pipeline's webhooks of a run that rejected rows or quarantined files, once the run is otherwise complete. */
@injectable()
export class AlertHook implements AfterCommitHook {
  constructor(@inject(Alerts) private readonly alerts: Alerts) {}

  afterCommit(context: RunContext & { summary: RunSummary }): Promise<void> {
    return this.alerts.afterRun(context.definition, context.summary);
  }
}
