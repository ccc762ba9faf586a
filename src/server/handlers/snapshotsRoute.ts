import type { SnapshotBrowser } from '../../query/SnapshotBrowser.js';
import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import type { Route } from '../Route.js';

/** `GET /api/pipelines/<name>/snapshots`: what `dropline snapshots <name> --json` prints, oldest first. */
export function snapshotsRoute(browser: SnapshotBrowser, queries: SnapshotQuery): Route {
  return {
    pattern: /^\/api\/pipelines\/(.+)\/snapshots$/,
    handle: async ({ pipeline, query }) => {
      query.only([]);
      return { kind: 'json', body: (await browser.list(await queries.definition(pipeline))).snapshots };
    },
  };
}
