import type { SnapshotBrowser } from '../../runner/SnapshotBrowser.js';
import type { Route } from '../Route.js';

/** `GET /api/pipelines/<name>/snapshots`: what `dropline snapshots <name> --json` prints, oldest first. */
export function snapshotsRoute(browser: SnapshotBrowser): Route {
  return {
    pattern: /^\/api\/pipelines\/(.+)\/snapshots$/,
    handle: async ({ pipeline, query }) => {
      query.only([]);
      return { kind: 'json', body: (await browser.list(pipeline)).snapshots };
    },
  };
}
