import { stat } from 'node:fs/promises';
import type { Clock } from '../util/Clock.js';
import type { SourceInput, WaitingInput } from './Source.js';

/**
 * Splits inputs by `source.settle`: a file modified less than `settleMs` ago
 * (by the Clock) may still be being written, so it waits for a later run.
 */
export async function settleInputs<T extends SourceInput>(
  inputs: T[],
  settle: { ms: number; text: string },
  clock: Clock,
  path: (input: T) => string | Buffer,
): Promise<{ ready: T[]; waiting: WaitingInput[] }> {
  const now = clock.now().getTime();
  const ready: T[] = [];
  const waiting: WaitingInput[] = [];
  for (const input of inputs) {
    const age = now - (await stat(path(input))).mtimeMs;
    if (age >= settle.ms) ready.push(input);
    else waiting.push({ file: input.name, reason: `modified ${Math.max(0, Math.floor(age / 1000))}s ago, source.settle is ${settle.text}` });
  }
  return { ready, waiting };
}
