/** What an alert is about: a run that set input aside, a sink that failed, or a verdict of `dropline status`. */
export type AlertEventName = 'run.set-aside' | 'sink.failed' | 'status.late' | 'status.volume' | 'status.schema' | 'status.failing';

/** The JSON body POSTed to each webhook (docs/operations.md, "Alerts"). */
export interface AlertPayload {
  event: AlertEventName;
  /** The event's identity (also the `Idempotency-Key` header): the same event always has the same id, and is delivered once. */
  id: string;
  pipeline: string;
  /** The snapshot the event is about, or null (a run that committed nothing, a pipeline without snapshots). */
  snapshot: string | null;
  /** When the event was first raised, ISO 8601 UTC. */
  at: string;
  /** One line a person can read. */
  summary: string;
  details: Record<string, unknown>;
}

/** An event before it is stamped with its time. */
export type AlertEvent = Omit<AlertPayload, 'at'>;
