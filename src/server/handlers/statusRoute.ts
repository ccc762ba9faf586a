import { parseAsOf } from '../../query/parseAsOf.js';
import type { StatusBoard } from '../../status/StatusBoard.js';
import { HttpError } from '../HttpError.js';
import type { Route } from '../Route.js';

/**
 * `GET /api/status`: what `dropline status --json` prints, each element with the
 * pipeline's `runs` (read, inserted, updated, rejected) and `drops` (when each
 * arrived, its rows), oldest first, for the page's chart; `at=<date or date-time>`
 * judges as of then, as `--at` does.
 */
export function statusRoute(board: StatusBoard): Route {
  return {
    pattern: /^\/api\/status\/?$/,
    handle: async ({ query }) => {
      query.only(['at']);
      const text = query.one('at');
      const at = text === undefined ? undefined : parseAsOf(text);
      if (at !== undefined && at?.kind !== 'instant')
        throw HttpError.badRequest('at must be a date like 2026-11-25 (the end of that UTC day) or a date-time like 2026-11-25T21:42:31Z');
      return { kind: 'json', body: await board.withHistory(at ? new Date(at.at) : undefined) };
    },
  };
}
