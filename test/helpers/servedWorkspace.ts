import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { CLI, type TestWorkspace } from './workspace.js';

/** `dropline serve --port 0` running on a workspace, as a user starts it. */
export interface Served {
  /** The URL the server printed, ending in `/`. */
  url: string;
  /** The whole line it printed on stdout. */
  line: string;
  child: ChildProcess;
  stderr(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real CLI bundle serving `ws` on a free loopback port; resolves once it printed its URL. */
export function serve(ws: TestWorkspace, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--root', ws.root, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dropline serve printed no URL within 20 s; stdout: ${stdout} stderr: ${stderr}`));
    }, 20_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`dropline serve exited with ${code} before printing its URL; stderr: ${stderr}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^(dropline serving .+ at (http:\/\/\S+))\n/m.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[2]!,
        line: m[1]!,
        child,
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalize `..` away). */
export function rawRequest(url: string, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
