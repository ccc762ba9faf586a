import { injectable, multiInject, optional } from 'inversify';
import { TOKENS } from '../tokens.js';
import type { ProgressEvent, ProgressHook } from './ProgressHook.js';

/** Hands the stages' progress events to every bound ProgressHook; does nothing when none is bound. */
@injectable()
export class Progress {
  constructor(@multiInject(TOKENS.ProgressHook) @optional() private readonly hooks: ProgressHook[] = []) {}

  report(event: ProgressEvent): void {
    for (const hook of this.hooks) hook.onProgress(event);
  }

  /**
   * Starts a phase of `total` `unit`s in one pipeline (reported at once as 0
   * done); call the result with how many are done (and the rows so far).
   */
  phase(pipeline: string, phase: string, total: number | null, unit: string): (done: number, rows?: number) => void {
    const tick = (done: number, rows?: number): void => this.report({ pipeline, phase, done, total, unit, ...(rows === undefined ? {} : { rows }) });
    tick(0);
    return tick;
  }
}
