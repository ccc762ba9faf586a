import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, type CliResult, type TestWorkspace } from './workspace.js';

export interface ReceivedAlert {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** What the receiver answered. */
  status: number;
}

/** A webhook on 127.0.0.1 that answers each POST with the next status of `answers` (then 200), keeping what it got. */
export class AlertReceiver {
  readonly received: ReceivedAlert[] = [];
  private server: Server | null = null;
  url = '';

  constructor(public answers: number[] = []) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const status = this.answers.shift() ?? 200;
        this.received.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown>, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** The alerts it accepted (2xx). */
  accepted(): Record<string, unknown>[] {
    return this.received.filter((r) => r.status < 300).map((r) => r.body);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = null;
  }
}

/** The CLI without blocking this process's event loop, so a receiver here can answer it. */
export function cliAsync(ws: TestWorkspace, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ws.root, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
