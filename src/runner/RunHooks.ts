import { inject, injectable, multiInject, optional } from 'inversify';
import { TOKENS } from '../tokens.js';
import { Progress } from '../util/Progress.js';
import type { AfterCommitHook, AfterFileHook, BeforeRunHook, OnErrorHook } from './LifecycleHooks.js';

/** Everyone a run tells where it is: the lifecycle hooks plug-ins bind (many each) and the progress reporters. */
@injectable()
export class RunHooks {
  constructor(
    @inject(Progress) readonly progress: Progress,
    @multiInject(TOKENS.BeforeRunHook) @optional() readonly beforeRun: BeforeRunHook[] = [],
    @multiInject(TOKENS.AfterFileHook) @optional() readonly afterFile: AfterFileHook[] = [],
    @multiInject(TOKENS.AfterCommitHook) @optional() readonly afterCommit: AfterCommitHook[] = [],
    @multiInject(TOKENS.OnErrorHook) @optional() readonly onError: OnErrorHook[] = [],
  ) {}
}
