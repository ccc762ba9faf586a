import type { IncomingHttpHeaders } from 'node:http';
import type { QueryParams } from './QueryParams.js';
import type { Reply } from './Reply.js';

export interface ApiRequest {
  /** The pipeline named in the path, decoded and checked (pipelineParam). */
  pipeline: string;
  /** The pattern's groups after the pipeline's, still percent-encoded; undefined where an optional group matched nothing. */
  params: (string | undefined)[];
  query: QueryParams;
  headers: IncomingHttpHeaders;
}

export interface Route {
  /** Matched against the raw path; a first group is the pipeline name, further groups the request's `params`. */
  pattern: RegExp;
  /** Served without the bearer token (the page and /health hold no data). */
  open?: boolean;
  handle(request: ApiRequest): Promise<Reply>;
}
