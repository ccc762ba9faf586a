import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { HttpError } from '../HttpError.js';
import type { Route } from '../Route.js';

/**
 * `GET /api/pipelines/<name>/diff?from=<id>&to=<id>`: keys added, removed and
 * changed (`to` defaults to latest; either may be a date or date-time, resolveAsOf); each list holds at most `limit` entries
 * (1..10000, default 1000), `counts` the full numbers.
 */
export function diffRoute(query: SnapshotQuery): Route {
  return {
    pattern: /^\/api\/pipelines\/(.+)\/diff$/,
    handle: async ({ pipeline, query: params }) => {
      params.only(['from', 'to', 'limit']);
      const from = params.snapshot('from');
      if (from === undefined) throw HttpError.badRequest('from is required: ?from=<snapshot id>&to=<snapshot id> (to defaults to latest)');
      const to = params.snapshot('to') ?? 'latest';
      const limit = params.int('limit', 1, 10000, 1000);
      return { kind: 'json', body: await query.diff(pipeline, from, to, limit) };
    },
  };
}
