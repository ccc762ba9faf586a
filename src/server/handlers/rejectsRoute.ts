import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { HttpError } from '../HttpError.js';
import type { Route } from '../Route.js';

/**
 * `GET /api/pipelines/<name>/rejects`: the runs that set rows aside
 * (`[{run, createdAt, rows, path}]`); with `run=<id>` that run's rejected rows,
 * paged like /rows (`limit`, `cursor`).
 */
export function rejectsRoute(query: SnapshotQuery): Route {
  return {
    pattern: /^\/api\/pipelines\/(.+)\/rejects$/,
    handle: async ({ pipeline, query: params }) => {
      params.only(['run', 'limit', 'cursor']);
      const run = params.one('run');
      if (run === undefined) {
        if (params.has('limit') || params.has('cursor')) throw HttpError.badRequest("limit and cursor page one run's rows: add run=<id>");
        return { kind: 'json', body: await query.rejects(pipeline) };
      }
      const limit = params.int('limit', 1, 10000, 100);
      const page = await query.rejectRows(pipeline, run, { limit, cursor: params.one('cursor') });
      if (!page)
        throw new HttpError(
          404,
          'NOT_FOUND',
          `run ${run} of ${pipeline} has no rejects file (it set no rows aside, or the file was removed); list them with GET /api/pipelines/${pipeline}/rejects`,
        );
      return { kind: 'json', body: page };
    },
  };
}
