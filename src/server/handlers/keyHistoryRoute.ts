import type { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { HttpError } from '../HttpError.js';
import type { Route } from '../Route.js';

/**
 * `GET /api/pipelines/<name>/keys/<key>/history`: every version of one key's
 * row across the snapshots, oldest first, the array `dropline history --json`
 * prints (`[]` when no snapshot holds the key). `<key>` is one percent-encoded
 * path segment, for a one-column key; any key, a composite one too, may be
 * given as `/keys/history?key=<v1>&key=<v2>`, once per key column in key
 * order, as `/rows?key=` takes it.
 */
export function keyHistoryRoute(query: SnapshotQuery): Route {
  return {
    // The key is the one segment before /history, so a pipeline name may hold `/keys/` and still be read one way.
    pattern: /^\/api\/pipelines\/(.+?)\/keys\/(?:([^/]+)\/)?history$/,
    handle: async ({ pipeline, params: [segment], query: params }) => {
      params.only(['key']);
      const inQuery = params.all('key');
      let name = pipeline;
      if (segment !== undefined && inQuery.length > 0) {
        // `<folder>/keys/keys/history?key=...`: the query form for a pipeline named `<folder>/keys`.
        if (segment !== 'keys') throw HttpError.badRequest('give the key in the path or as ?key=, not both: /keys/<key>/history, or /keys/history?key=<value>');
        name = `${pipeline}/keys`;
      }
      const values = inQuery.length > 0 ? inQuery : segment !== undefined ? [decodeSegment(segment)] : [];
      if (values.length === 0) throw HttpError.badRequest('the key is missing: /keys/<key>/history, or /keys/history?key=<value> once per key column, in key order');
      const definition = await query.definition(name);
      const columns = definition.schema.key;
      if (values.length !== columns.length) {
        const example = columns.map((c) => `key=<${c}>`).join('&');
        const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
        throw HttpError.badRequest(
          `pipeline ${name} has ${plural(columns.length, 'key column')} (${columns.join(', ')}): give key= once per key column, in that order: /api/pipelines/${name}/keys/history?${example}; got ${plural(values.length, 'value')}`,
        );
      }
      return { kind: 'json', body: await query.historyOf(definition, values) };
    },
  };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw HttpError.badRequest('the key in the path is not valid percent-encoding (encode it with encodeURIComponent, or give it as ?key=)');
  }
}
