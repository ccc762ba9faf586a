import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import type { Route } from '../Route.js';

/** `GET /api/pipelines`: `[{name, description, key, snapshots, latest, latestRows}]`. */
export function pipelinesRoute(query: SnapshotQuery): Route {
  return {
    pattern: /^\/api\/pipelines\/?$/,
    handle: async ({ query: params }) => {
      params.only([]);
      return { kind: 'json', body: await query.pipelines() };
    },
  };
}
