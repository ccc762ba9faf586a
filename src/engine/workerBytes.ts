import { DroplineError } from '../errors/DroplineError.js';

/** Inputs of this size go to the worker threads (in a run over POOL_AFTER_BYTES) unless DROPLINE_WORKER_BYTES says otherwise. */
const DEFAULT = 1 << 20;

/** Every input once a run has read this much goes to the workers, also those under workerBytes(). */
const POOL_AFTER_BYTES = 16 << 20;

/** Whether an input of `size` bytes is scanned on a worker thread, `before` bytes having been read ahead of it in the run. */
export function scansOnWorker(size: number, before: number, from: number): boolean {
  return size >= from || before + size > POOL_AFTER_BYTES;
}

/** What a run's inputs come to by their listed sizes; Infinity when one has none (a source that does not list them, as HttpSource). */
export function listedBytes(inputs: readonly { size?: number }[]): number {
  let total = 0;
  for (const input of inputs) total += input.size ?? Infinity;
  return total;
}

/**
 * The size from which the byte engine scans an input on a worker thread
 * (DROPLINE_WORKER_BYTES, default 1 MB; 0: every input), checked: a typo is
 * a usage error, not a silent default. Smaller inputs are scanned on the main
 * thread, which spares a small drop the workers' start-up; by default so is
 * every input of a run whose inputs come to 16 MB at most (`runBytes`, by
 * their listed sizes: listedBytes): one 7.8 MB input took 0.56-0.62 s on the
 * main thread against 0.62-0.87 s on a worker, and one of 15.7 MB 0.86-1.04 s
 * against 0.90-1.04 s. Once the workers run, every input goes to them: workerRoute.
 */
export function workerBytes(runBytes = Infinity): number {
  const value = process.env.DROPLINE_WORKER_BYTES;
  if (value === undefined || value === '') return runBytes <= POOL_AFTER_BYTES ? Infinity : DEFAULT;
  if (/^\d+$/.test(value)) return Number(value);
  throw new DroplineError('USAGE', `DROPLINE_WORKER_BYTES is "${value}"; set it to a number of bytes (0: every input on a worker thread), or unset it`);
}

/**
 * Where a run scans each input, by its size: on the workers (true) or the main thread. Starts the workers now, while
 * the previous latest.csv is read, if the listed sizes say an input will go to them. Once they run, every input goes to
 * them, small ones too: winners found on the main thread wait for the workers' partitions (ByteEngine), and are merged
 * there after them.
 */
export function workerRoute(pool: { readonly started: boolean; start(): void } | null, inputs: readonly { size?: number }[]): (size: number) => boolean {
  if (pool === null) return () => false;
  const from = workerBytes(listedBytes(inputs));
  let listed = 0;
  if (inputs.some((input) => scansOnWorker(input.size ?? 0, listed, from) || ((listed += input.size ?? 0), false))) pool.start();
  let read = 0;
  return (size) => {
    read += size;
    return pool.started || scansOnWorker(size, read - size, from);
  };
}
