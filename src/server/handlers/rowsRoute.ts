import { csvChunks } from '../../query/csvChunks.js';
import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { HttpError } from '../HttpError.js';
import type { Route } from '../Route.js';

/** Parameters of the rows endpoint; every other parameter filters a column by equality. */
const RESERVED = ['snapshot', 'as_of', 'limit', 'cursor', 'key', 'format'] as const;

/**
 * `GET /api/pipelines/<name>/rows`: a snapshot's rows (`snapshot=<id>`, or
 * `as_of=<id|date|date-time>`: the newest snapshot by then; default latest;
 * given both, they must name the same snapshot), a page at a time (`limit` 1..10000, default 100; `cursor`
 * = the previous page's nextCursor), one row by key (`key=` once per key
 * column, in key order), rows whose columns equal values (`<column>=<value>`),
 * or the whole selection as CSV (`format=csv` or `Accept: text/csv`).
 */
export function rowsRoute(query: SnapshotQuery): Route {
  return {
    pattern: /^\/api\/pipelines\/(.+)\/rows$/,
    handle: async ({ pipeline, query: params, headers }) => {
      const format = params.oneOf('format', ['json', 'csv'] as const) ?? (/\btext\/csv\b/i.test(headers.accept ?? '') ? 'csv' : 'json');
      const key = params.all('key');
      const selection = { snapshot: params.snapshot('snapshot'), asOf: params.snapshot('as_of'), key: key.length > 0 ? key : undefined, where: params.rest(RESERVED) };
      if (format === 'csv') {
        if (params.has('limit') || params.has('cursor')) throw HttpError.badRequest('a CSV download is the whole selection; limit and cursor apply to JSON pages only');
        const stream = await query.select(pipeline, selection);
        const filename = `${stream.pipeline.replace(/\//g, '-')}-${stream.snapshot}.csv`;
        return { kind: 'csv', filename, chunks: csvChunks(stream.columns, stream.rows) };
      }
      const limit = params.int('limit', 1, 10000, 100);
      return { kind: 'json', body: await query.page(pipeline, selection, { limit, cursor: params.one('cursor') }) };
    },
  };
}
