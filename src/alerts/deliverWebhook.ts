import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertPayload } from './AlertPayload.js';

export interface DeliveryOptions {
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  /** Told of each failed try (to log it). */
  onFailure?: (problem: string, attempt: number, tries: number) => void;
}

export interface DeliveryResult {
  ok: boolean;
  tries: number;
  /** Why the last try failed (ok false). */
  error?: string;
}

/** The waits before each retry: retryDelayMs, then doubling (200, 400, 800...). */
export function backoffDelays(retries: number, retryDelayMs: number): number[] {
  return Array.from({ length: retries }, (_, i) => retryDelayMs * 2 ** i);
}

function whatFailed(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : e.message;
}

/**
 * POSTs `payload` as JSON to `url`, with an `Idempotency-Key` header (the
 * event id): a 2xx answer is delivered. A network error, a timeout, a 5xx,
 * 408 or 429 is retried after the backoff's waits; another answer is not
 * (the URL is wrong, not busy).
 */
export async function deliverWebhook(url: string, payload: AlertPayload, options: DeliveryOptions): Promise<DeliveryResult> {
  const delays = backoffDelays(options.retries, options.retryDelayMs);
  const tries = delays.length + 1;
  let error = '';
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) await sleep(delays[attempt - 2]!);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': payload.id, 'x-dropline-event': payload.event },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await res.body?.cancel();
      if (res.ok) return { ok: true, tries: attempt };
      error = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        options.onFailure?.(error, attempt, tries);
        return { ok: false, tries: attempt, error };
      }
    } catch (err) {
      error = whatFailed(err, options.timeoutMs);
    }
    options.onFailure?.(error, attempt, tries);
  }
  return { ok: false, tries, error };
}
