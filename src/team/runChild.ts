import { spawn, type ChildProcess } from 'node:child_process';
import { parseChildOutput } from './parseChildOutput.js';

export interface ChildRun {
  child: ChildProcess;
  /** Resolves when the process is gone, with what it left. */
  done: Promise<ReturnType<typeof parseChildOutput>>;
}

export interface ChildRunOptions {
  cli: string;
  root: string;
  pipeline: string;
  workerId: string;
  /** `--wait`: seconds the child waits for the pipeline's lease (another run holding it) before LOCKED. */
  waitSeconds: number;
  /** Arguments before the command (`--set NAME=value`, `--verbose`...). */
  globals?: string[];
}

/**
 * Runs `dropline run <pipeline> --json` in a child process, so the CPU-heavy
 * run stays off the worker's event loop. The child takes and renews the
 * lease itself (holder = DROPLINE_WORKER_ID). The IPC channel ties it to the
 * worker: when the worker dies the channel closes and the child ends itself.
 */
export function runChild(options: ChildRunOptions): ChildRun {
  const args = [options.cli, '--root', options.root, ...(options.globals ?? []), 'run', options.pipeline, '--json', '--wait', String(options.waitSeconds)];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: { ...process.env, DROPLINE_WORKER_ID: options.workerId },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const done = new Promise<ReturnType<typeof parseChildOutput>>((resolve) => {
    child.once('error', (err) => {
      stderr += `\nerror[INTERNAL]: could not start ${process.execPath}: ${err.message}\n`;
    });
    child.once('close', (code) => resolve(parseChildOutput(code, stdout, stderr)));
  });
  return { child, done };
}
