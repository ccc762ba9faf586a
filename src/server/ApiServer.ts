import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { SnapshotQuery } from '../query/SnapshotQuery.js';
import { SnapshotBrowser } from '../query/SnapshotBrowser.js';
import { TOKENS } from '../tokens.js';
import { handleRequest } from './handleRequest.js';
import { diffRoute } from './handlers/diffRoute.js';
import { healthRoute } from './handlers/healthRoute.js';
import { keyHistoryRoute } from './handlers/keyHistoryRoute.js';
import { pageRoutes } from './handlers/pageRoutes.js';
import { pipelinesRoute } from './handlers/pipelinesRoute.js';
import { rejectsRoute } from './handlers/rejectsRoute.js';
import { rowsRoute } from './handlers/rowsRoute.js';
import { snapshotsRoute } from './handlers/snapshotsRoute.js';
import { statusRoute } from './handlers/statusRoute.js';
import { StatusBoard } from '../status/StatusBoard.js';
import { Router } from './Router.js';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** When set, /api/* needs `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** Stops accepting, ends open connections and resolves once the server is closed. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * `dropline serve`: the read-only JSON API over the workspace's pipelines and
 * snapshots, and the page at `/` (node:http, no framework). It only answers
 * questions; SnapshotQuery and SnapshotBrowser read the data.
 */
@injectable()
export class ApiServer {
  constructor(
    @inject(SnapshotQuery) private readonly query: SnapshotQuery,
    @inject(SnapshotBrowser) private readonly browser: SnapshotBrowser,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(StatusBoard) private readonly board: StatusBoard,
  ) {}

  async start(options: ServeOptions): Promise<RunningServer> {
    const router = new Router([
      ...pageRoutes,
      healthRoute,
      pipelinesRoute(this.query),
      statusRoute(this.board),
      snapshotsRoute(this.browser, this.query),
      rowsRoute(this.query),
      diffRoute(this.query),
      rejectsRoute(this.query),
      keyHistoryRoute(this.query),
    ]);
    const log = this.logger.child({ stage: 'server' });
    const handle = handleRequest(router, options.token, log, options.host);
    const server = createServer((req, res) => void handle(req, res));
    await listen(server, options);
    if (!LOOPBACK.test(options.host) && options.token === undefined) {
      log.warn(`serving on ${options.host}, reachable from other machines, without a token; set --token or DROPLINE_TOKEN to require one`);
    }
    const { address, port } = server.address() as AddressInfo;
    const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
    log.info(`listening at ${url}`);
    return {
      url,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
}

function listen(server: Server, options: ServeOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is in use' : err.code === 'EACCES' ? 'needs privileges' : `cannot be used (${err.code ?? err.message})`;
      reject(new DroplineError('USAGE', `${options.host}:${options.port} ${why}; pick another with --port (0 picks a free one) or --host`, {}, { cause: err }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
}
