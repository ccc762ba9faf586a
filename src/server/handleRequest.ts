import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/Logger.js';
import { hasBearerToken } from './bearerToken.js';
import { HttpError } from './HttpError.js';
import { pipelineParam } from './pipelineParam.js';
import { QueryParams } from './QueryParams.js';
import type { Reply } from './Reply.js';
import type { Router } from './Router.js';
import { sendReply } from './sendReply.js';
import { toErrorReply } from './toErrorReply.js';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * One request, start to end: only GET and HEAD (405 otherwise), the route for
 * the path (404), the bearer token when one is set and the route is not open
 * (401), then the handler. Every failure is a JSON error; nothing escapes.
 */
export function handleRequest(router: Router, token: string | undefined, logger: Logger, boundHost = '127.0.0.1'): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = Date.now();
    let reply: Reply;
    try {
      reply = await answer(req);
    } catch (err) {
      const failure = toErrorReply(err);
      reply = failure;
      if (failure.status === 500)
        logger.error(`${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`, { stack: err instanceof Error ? err.stack : undefined });
    }
    try {
      await sendReply(res, reply);
    } catch (err) {
      logger.error(`${req.method} ${req.url}: failed while answering: ${err instanceof Error ? err.message : String(err)}`);
      res.destroy();
    }
    logger.debug(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`);
  };

  async function answer(req: IncomingMessage): Promise<Reply> {
    if (!READ_METHODS.has(req.method ?? '')) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed: this API is read-only (GET)`, { Allow: 'GET, HEAD' });
    }
    let url: URL;
    try {
      if (!req.url?.startsWith('/')) throw new Error('not a path');
      url = new URL(`http://localhost${req.url}`);
    } catch {
      throw HttpError.badRequest('the request target is not a valid path');
    }
    // Without a token, only names of this machine may be asked for: a web page that rebinds its own
    // domain to 127.0.0.1 (DNS rebinding) would otherwise read every pipeline through the browser.
    if (token === undefined && !allowedHost(req.headers.host, boundHost)) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `Host "${req.headers.host ?? ''}" is not this server's; use http://${boundHost}:<port>/, or start serve with --token to allow other names`,
      );
    }
    const { route, pipeline, params } = router.match(url.pathname);
    if (token !== undefined && !route.open && !hasBearerToken(req.headers, token)) {
      throw new HttpError(401, 'UNAUTHORIZED', 'this server needs a token: send Authorization: Bearer <token>', { 'WWW-Authenticate': 'Bearer realm="dropline"' });
    }
    return route.handle({ pipeline: pipeline === undefined ? '' : pipelineParam(pipeline), params, query: new QueryParams(url.searchParams), headers: req.headers });
  }
}

const LOCAL_NAMES = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The Host header names this machine (or the address the server was bound to). */
function allowedHost(header: string | undefined, boundHost: string): boolean {
  if (header === undefined) return true;
  const name = header.replace(/:\d+$/, '').toLowerCase();
  return LOCAL_NAMES.test(name) || name === boundHost.toLowerCase() || name === `[${boundHost.toLowerCase()}]`;
}
