import type { Route } from '../Route.js';

/** `GET /health`: the server is up. Needs no token. */
export const healthRoute: Route = {
  pattern: /^\/health$/,
  open: true,
  handle: async () => ({ kind: 'json', body: { status: 'ok' } }),
};
