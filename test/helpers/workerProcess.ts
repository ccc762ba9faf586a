import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CLI } from './workspace.js';

/** A `dropline worker` process of a test: its output kept, stopped by signal. */
export class WorkerProcess {
  readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<number | null>;

  constructor(root: string, env: Record<string, string>, args: string[] = []) {
    this.child = spawn(process.execPath, [CLI, '--root', root, 'worker', ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.setEncoding('utf8').on('data', (text: string) => (this.output += text));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What it wrote so far (stdout and stderr). */
  get log(): string {
    return this.output;
  }

  /** The ids of its running child processes (the runs). */
  children(): number[] {
    const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(this.pid)], { encoding: 'utf8' });
    return r.stdout
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  }

  /** Sends `signal` (if it still runs) and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Polls `probe` until it returns something other than undefined; fails after `seconds` with `what` and `context()`. */
export async function until<T>(what: string, seconds: number, probe: () => T | undefined | Promise<T | undefined>, context: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${seconds} s${context() ? `:\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
