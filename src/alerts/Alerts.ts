import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { AlertDefinition, PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { FileLock } from '../locking/FileLock.js';
import type { Logger } from '../logging/Logger.js';
import type { RunSummary } from '../runner/RunSummary.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { AlertEvent, AlertPayload } from './AlertPayload.js';
import { AlertRecord, type AlertLog, type RecordedEvent } from './AlertRecord.js';
import { alertTargets, type AlertTarget } from './alertTargets.js';
import { setAsideEvent, sinkFailedEvents, statusEvent, type StatusFinding } from './alertEvents.js';
import { deliverWebhook } from './deliverWebhook.js';
import { WORKSPACE_ALERTS } from './workspaceAlerts.js';

/** A delivery that failed is retried by the commands that raise alerts for its pipeline for this long after the event. */
const RETRY_FOR_MS = 7 * 86_400_000;
/** How long a command waits for another one delivering the same pipeline's alerts. */
const LOCK_WAIT_SECONDS = 60;

/**
 * Sends a pipeline's alerts to its webhooks (its definition's `alerts:` and
 * dropline.yaml's) and records them in `<snapshots.path>/<pipeline>/alerts.json`:
 * an event already recorded is never sent again, a delivery that failed is
 * retried by the next command that raises alerts for the pipeline (run, sync,
 * status). Never throws: what fails is logged as a warning and leaves the
 * command's outcome (and exit code) as it was.
 */
@injectable()
export class Alerts {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Variables) private readonly variables: Record<string, string>,
    @inject(WORKSPACE_ALERTS) private readonly workspaceAlerts: AlertDefinition[],
    @inject(DefinitionLoader) private readonly definitions: DefinitionLoader,
  ) {}

  /** After a run: one event when it rejected rows or quarantined files. */
  afterRun(definition: PipelineDefinition, summary: RunSummary): Promise<void> {
    const event = setAsideEvent(summary);
    return this.raise(definition, event ? [event] : []);
  }

  /** Sinks that failed to show `snapshot` (a run, sync, reset or clean): one event per sink and snapshot. */
  sinkFailed(definition: PipelineDefinition, snapshot: string | null, failures: { key: string; type: string; error: string }[]): Promise<void> {
    return this.raise(definition, sinkFailedEvents(definition.name, snapshot, failures));
  }

  /**
   * `dropline status`'s reports: one event per pipeline whose verdict is late,
   * volume, schema or failing, once per what it is judged against. A pipeline
   * whose definition cannot be loaded has no webhooks of its own nor a record: it is left out.
   */
  async alertStatus(reports: StatusFinding[]): Promise<void> {
    for (const report of reports) {
      const definition = await this.definitions.load(report.pipeline).catch(() => null);
      if (definition === null) continue;
      const event = statusEvent(report);
      await this.raise(definition, event ? [event] : []);
    }
  }

  /** Records and delivers `events` (those not recorded before), and retries what earlier commands failed to deliver. */
  async raise(definition: PipelineDefinition, events: AlertEvent[]): Promise<void> {
    const log = this.logger.child({ pipeline: definition.name, stage: 'alerts' });
    const variable = (name: string): string | undefined => this.variables[name] ?? process.env[name];
    const targets = alertTargets(definition.alerts ?? [], this.workspaceAlerts, variable);
    if (targets.length === 0) return;
    try {
      const dir = join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name);
      const path = join(dir, 'alerts.json');
      // Nothing new and nothing recorded (so nothing owed): no folder, lock or file is made.
      if (events.length === 0 && !existsSync(path)) return;
      const record = new AlertRecord(path, this.workspace.display(path), definition.name);
      const lock = new FileLock(join(dir, 'alerts.lock'), log, { pipeline: definition.name, clock: this.clock });
      await FileLock.with(lock, { command: 'dropline alerts' }, () => this.deliver(record, targets, events, log), LOCK_WAIT_SECONDS);
    } catch (err) {
      const code = err instanceof DroplineError ? `error[${err.code}]: ` : '';
      log.warn(`${code}alerts of pipeline ${definition.name} were not sent: ${(err as Error).message}`);
    }
  }

  private async deliver(record: AlertRecord, targets: AlertTarget[], events: AlertEvent[], log: Logger): Promise<void> {
    const state: AlertLog = await record.read();
    const now = this.clock.now();
    adoptUnsetVariables(state, targets);
    const known = new Set(state.events.map((e) => e.id));
    const fresh = events.filter((e, i) => !known.has(e.id) && events.findIndex((o) => o.id === e.id) === i);
    for (const event of fresh) {
      const at = now.toISOString();
      const deliveries = Object.fromEntries(targets.map((t) => [t.id, { state: 'attempting' as const, tries: 0, at }]));
      state.events.push({ id: event.id, event: event.event, at, deliveries, payload: stamped(event, at) });
    }
    // What is owed: new events, and those earlier commands failed to deliver (or crashed delivering), to webhooks still listed.
    const owed = state.events.flatMap((e) =>
      now.getTime() - Date.parse(e.at) > RETRY_FOR_MS || !e.payload
        ? []
        : targets.filter((t) => e.deliveries[t.id] !== undefined && e.deliveries[t.id]!.state !== 'sent').map((t) => [e, t] as const),
    );
    if (owed.length === 0) return;
    await record.write(state); // the attempts are recorded before any is made
    for (const [event, target] of owed) {
      await this.deliverOne(event, target, log);
      if (Object.values(event.deliveries).every((d) => d.state === 'sent')) delete event.payload;
      await record.write(state);
    }
  }

  private async deliverOne(event: RecordedEvent, target: AlertTarget, log: Logger): Promise<void> {
    const delivery = event.deliveries[target.id]!;
    const what = `alert ${event.event} (${event.id}) to ${target.name}`;
    if (target.url === null) {
      Object.assign(delivery, { state: 'failed', at: this.clock.now().toISOString(), error: target.problem });
      log.warn(`${what} not sent: ${target.problem}; it is retried by the next run, sync or status of this pipeline`);
      return;
    }
    const { timeoutMs, retries, retryDelayMs } = target.definition;
    const onFailure = (problem: string, attempt: number, tries: number): void => log.debug(`${what}: ${problem} (try ${attempt} of ${tries})`);
    const result = await deliverWebhook(target.url, event.payload!, { timeoutMs, retries, retryDelayMs, onFailure });
    Object.assign(delivery, { state: result.ok ? 'sent' : 'failed', tries: delivery.tries + result.tries, at: this.clock.now().toISOString() });
    if (result.ok) {
      delete delivery.error;
      log.info(`${what} sent`);
    } else {
      delivery.error = result.error;
      log.warn(`${what} failed after ${result.tries} ${result.tries === 1 ? 'try' : 'tries'}: ${result.error}; it is retried by the next run, sync or status of this pipeline`);
    }
  }
}

/** A delivery recorded while its variable was unset (`env:NAME`) is owed to the URL the variable now holds. */
function adoptUnsetVariables(state: AlertLog, targets: AlertTarget[]): void {
  for (const target of targets) {
    const env = target.definition.urlEnv;
    if (target.url === null || env === undefined) continue;
    for (const event of state.events) {
      const waiting = event.deliveries[`env:${env}`];
      if (waiting === undefined || event.deliveries[target.id] !== undefined) continue;
      event.deliveries[target.id] = waiting;
      delete event.deliveries[`env:${env}`];
    }
  }
}

/** The payload in the documented key order (docs/operations.md). */
function stamped(event: AlertEvent, at: string): AlertPayload {
  const { event: name, id, pipeline, snapshot, summary, details } = event;
  return { event: name, id, pipeline, snapshot, at, summary, details };
}
