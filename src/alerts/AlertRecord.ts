import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readStateJson } from '../snapshots/readStateJson.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { AlertEventName, AlertPayload } from './AlertPayload.js';

/** One delivery of an event to one webhook: `attempting` is written before the POST, so a crash leaves it to be retried (same id). */
export interface Delivery {
  state: 'attempting' | 'sent' | 'failed';
  /** Tries so far, over every command that tried. */
  tries: number;
  /** When it was last tried. */
  at: string;
  /** Why the last try failed. */
  error?: string;
}

/** One event raised for the pipeline; `payload` is kept while a delivery is still owed. */
export interface RecordedEvent {
  id: string;
  event: AlertEventName;
  at: string;
  /** By webhook id (a hash of its URL, or `env:NAME` while the variable is unset): never the URL itself, which may hold a secret. */
  deliveries: Record<string, Delivery>;
  payload?: AlertPayload;
}

export interface AlertLog {
  events: RecordedEvent[];
}

/** Events kept for telling a new event from one sent before; older ones are dropped once delivered. */
export const KEPT_EVENTS = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(value: unknown): AlertLog | Error {
  if (!isObject(value) || !Array.isArray(value.events)) return new Error('not a JSON object with an events list');
  for (const e of value.events as unknown[]) {
    if (!isObject(e) || typeof e.id !== 'string' || typeof e.event !== 'string' || typeof e.at !== 'string' || !isObject(e.deliveries))
      return new Error('an event is not {id, event, at, deliveries}');
    for (const d of Object.values(e.deliveries)) {
      if (!isObject(d) || !['attempting', 'sent', 'failed'].includes(d.state as string) || typeof d.tries !== 'number')
        return new Error(`a delivery of event ${e.id} is not {state, tries, at}`);
    }
  }
  return value as unknown as AlertLog;
}

/** Keeps the newest KEPT_EVENTS events, and any older one still owed a delivery. */
export function pruneLog(log: AlertLog): AlertLog {
  const excess = log.events.length - KEPT_EVENTS;
  if (excess <= 0) return log;
  const owed = (e: RecordedEvent): boolean => Object.values(e.deliveries).some((d) => d.state !== 'sent');
  return { events: log.events.filter((e, i) => i >= excess || owed(e)) };
}

/** `<snapshots.path>/<pipeline>/alerts.json`: the events raised and where each was delivered (written atomically; damaged: STATE_DAMAGED). */
export class AlertRecord {
  constructor(
    private readonly path: string,
    private readonly shown: string,
    private readonly pipeline: string,
  ) {}

  async read(): Promise<AlertLog> {
    const todo = 'fix or delete it (deleting it forgets which alerts were sent: events still standing, such as a late pipeline, are sent again)';
    return (await readStateJson({ path: this.path, shown: this.shown, pipeline: this.pipeline, what: 'the record of alerts sent', todo }, check)) ?? { events: [] };
  }

  async write(log: AlertLog): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await atomicWrite(this.path, JSON.stringify(pruneLog(log), null, 1) + '\n');
  }
}
