import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processTree, signalTree, type ProcessInfo } from './processTree.js';
import { CLI } from './workspace.js';

/**
 * A real `dropline worker` process, started as its own process group (its runs are its children), so a test can
 * stop, continue or kill the worker with everything it runs. Its output goes to a file (no pipe can fill up and
 * block it while a test waits in a synchronous CLI call).
 */
export class SpawnedWorker {
  readonly child: ChildProcess;
  /** The file holding what it printed on stdout and stderr. */
  readonly logFile: string;
  private readonly exited: Promise<void>;
  /** Set once the test kills or stops it: its exit is then expected. */
  private ended = false;

  constructor(
    /** Its DROPLINE_WORKER_ID: the holder of its leases and the `worker` of its runs. */
    readonly id: string,
    root: string,
    env: Record<string, string>,
    args: string[] = [],
  ) {
    const logs = join(root, '.test-logs');
    mkdirSync(logs, { recursive: true });
    this.logFile = join(logs, `worker-${id}.log`);
    const fd = openSync(this.logFile, 'a');
    try {
      this.child = spawn(process.execPath, [CLI, 'worker', '--root', root, ...args], {
        cwd: root,
        detached: true,
        stdio: ['ignore', fd, fd],
        env: { ...process.env, NO_COLOR: '1', DROPLINE_WORKER_ID: id, ...env },
      });
    } finally {
      closeSync(fd);
    }
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Why the worker is gone though the test never stopped it (exit code or signal), else null. */
  died(): string | null {
    if (this.ended || this.alive()) return null;
    return `worker ${this.id} exited by itself (${this.child.signalCode ?? `exit ${this.child.exitCode}`})`;
  }

  /** True until the worker process exited. */
  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** The worker and what it runs, as /proc shows them now. */
  tree(): ProcessInfo[] {
    return this.alive() ? processTree(this.pid) : [];
  }

  /** Its runs (`dropline run` children) in progress. */
  runs(): ProcessInfo[] {
    return this.tree().filter((p) => p.pid !== this.pid && / run /.test(` ${p.command} `));
  }

  /** A run of `pipeline` that stopped itself (DROPLINE_PAUSE_AT) or was stopped, if there is one. */
  stoppedRun(pipeline?: string): ProcessInfo | undefined {
    return this.runs().find((p) => p.state === 'T' && (pipeline === undefined || ` ${p.command} `.includes(` ${pipeline} `)));
  }

  /** Sends `signal` to the worker's whole group and every process below it. */
  signal(signal: NodeJS.Signals): void {
    if (this.alive()) signalTree(this.pid, signal);
  }

  /** SIGKILLs the worker and everything it runs; resolves once the worker is gone. */
  async kill(): Promise<void> {
    this.ended = true;
    if (!this.alive()) return;
    signalTree(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a graceful stop: the worker finishes or gives back its jobs), then SIGKILL after `seconds`. */
  async terminate(seconds = 15): Promise<void> {
    this.ended = true;
    if (!this.alive()) return;
    process.kill(this.pid, 'SIGTERM');
    signalTree(this.pid, 'SIGCONT');
    const timer = setTimeout(() => signalTree(this.pid, 'SIGKILL'), seconds * 1000);
    await this.exited;
    clearTimeout(timer);
  }
}
