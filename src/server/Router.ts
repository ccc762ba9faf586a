import { HttpError } from './HttpError.js';
import type { Route } from './Route.js';

/** Finds the route for a path; the first group of its pattern is the pipeline name, the others its `params`, all still percent-encoded. */
export class Router {
  constructor(private readonly routes: readonly Route[]) {}

  match(path: string): { route: Route; pipeline?: string; params: (string | undefined)[] } {
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (m) return { route, pipeline: m[1], params: m.slice(2) };
    }
    throw new HttpError(404, 'NOT_FOUND', `no such endpoint: ${path.slice(0, 200)} (see GET /api/pipelines, or the page at /)`);
  }
}
