import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
