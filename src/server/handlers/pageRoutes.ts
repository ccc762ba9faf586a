import { PAGE_HTML } from '../page/pageHtml.js';
import { pageScript } from '../page/pageScript.js';
import { PAGE_STYLE } from '../page/pageStyle.js';
import type { Route } from '../Route.js';

const asset = (pattern: RegExp, contentType: string, body: () => string): Route => ({
  pattern,
  open: true,
  handle: async () => ({ kind: 'text', contentType, body: body() }),
});

/** The page at `/` with its script and style; they hold no data, so need no token (the API calls they make do). */
export const pageRoutes: Route[] = [
  asset(/^\/(index\.html)?$/, 'text/html; charset=utf-8', () => PAGE_HTML),
  asset(/^\/page\.js$/, 'text/javascript; charset=utf-8', pageScript),
  asset(/^\/page\.css$/, 'text/css; charset=utf-8', () => PAGE_STYLE),
];
