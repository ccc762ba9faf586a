import type { ServerResponse } from 'node:http';
import type { Reply } from './Reply.js';

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

/** Writes a reply; a CSV streams chunk by chunk, waiting whenever the client reads slower than we write. */
export async function sendReply(res: ServerResponse, reply: Reply): Promise<void> {
  if (reply.kind === 'json') {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      ...COMMON,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
      ...reply.headers,
    });
    res.end(body);
    return;
  }
  if (reply.kind === 'text') {
    res.writeHead(200, { ...COMMON, 'Content-Type': reply.contentType, 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(reply.body), ...PAGE_POLICY });
    res.end(reply.body);
    return;
  }
  res.writeHead(200, { ...COMMON, 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${reply.filename}"` });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const chunk of reply.chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

/** The page loads its script and style from this server only, and nothing else. */
const PAGE_POLICY = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
