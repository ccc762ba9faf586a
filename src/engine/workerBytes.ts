import { DroplineError } from '../errors/DroplineError.js';

/** Inputs of this size go to the worker threads unless DROPLINE_WORKER_BYTES says otherwise. */
const DEFAULT = 1 << 20;

/** Every input once a run has read this much goes to the workers, also those under workerBytes(). */
const POOL_AFTER_BYTES = 16 << 20;

/** Whether an input of `size` bytes is scanned on a worker thread, `before` bytes having been read ahead of it in the run. */
export function scansOnWorker(size: number, before: number, from: number): boolean {
  return size >= from || before + size > POOL_AFTER_BYTES;
}

/**
 * The size from which the byte engine scans an input on a worker thread
 * (DROPLINE_WORKER_BYTES, default 1 MB; 0: every input), checked: a typo is
 * a usage error, not a silent default. Smaller inputs are scanned on the main
 * thread, which spares a small drop the workers' start-up.
 */
export function workerBytes(): number {
  const value = process.env.DROPLINE_WORKER_BYTES;
  if (value === undefined || value === '') return DEFAULT;
  if (/^\d+$/.test(value)) return Number(value);
  throw new DroplineError('USAGE', `DROPLINE_WORKER_BYTES is "${value}"; set it to a number of bytes (0: every input on a worker thread), or unset it`);
}
