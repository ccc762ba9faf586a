import { readFile } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { toDroplineError } from '../errors/toDroplineError.js';
import { keyComparator } from '../merge/keyComparator.js';
import { csvToTable } from '../csv/csvToTable.js';
import { adjacentRows } from './adjacentRows.js';
import { diffTables } from './diffTables.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { isSnapshotId } from '../snapshots/snapshotId.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import type { Workspace } from '../workspace/Workspace.js';
import { decodeCursor, encodeCursor } from './Cursor.js';
import { keyLookup } from './keyLookup.js';
import { pageRows } from './pageRows.js';
import type { DiffPage, PageRequest, PipelineListing, RejectsListing, RowPage, RowSelection, RowStream, RowVersion } from './QueryResults.js';
import { requireRowFinder } from './requireRowFinder.js';
import { resolveAsOf } from './resolveAsOf.js';
import { rowVersions } from './rowVersions.js';
import { canonicalKey } from './canonicalKey.js';
import { rowFilter } from './rowFilter.js';
import { toRecord } from './toRecord.js';
import { selectSnapshot } from './selectSnapshot.js';
import { CachedTable, TableCache } from './TableCache.js';

/**
 * Read-only questions about what pipelines hold, for `dropline serve`: the
 * pipelines, a snapshot's rows (paged, by key, filtered), the diff between two
 * snapshots, the rejects of each run. Tables come through the TableCache, so a
 * large snapshot is parsed once, not per page; `latest` resolves to the newest
 * snapshot on every call, and a cursor stays on the snapshot it started on.
 */
@injectable()
export class SnapshotQuery {
  constructor(
    @inject(DefinitionLoader) private readonly definitions: DefinitionLoader,
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TableCache) private readonly tables: TableCache,
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
  ) {}

  /** A pipeline's definition, as the API's questions name it. */
  definition(name: string): Promise<PipelineDefinition> {
    return this.definitions.load(name);
  }

  /** Every pipeline (templates left out) with its snapshot count and latest row count; an unreadable definition is listed with its error. */
  async pipelines(): Promise<PipelineListing[]> {
    const result: PipelineListing[] = [];
    for (const name of await this.definitions.names()) {
      let definition: PipelineDefinition;
      try {
        definition = await this.definition(name);
      } catch (err) {
        const error = toDroplineError(err);
        if (error.code === 'USAGE') continue; // a template, or a file name that is not a pipeline name
        result.push({ name, description: '', key: [], snapshots: 0, latest: null, latestRows: null, error: { code: error.code, message: error.message } });
        continue;
      }
      const manifests = await this.store.open(definition).list();
      const head = manifests.at(-1) ?? null;
      result.push({
        name,
        description: definition.description,
        key: definition.schema.key,
        snapshots: manifests.length,
        latest: head?.id ?? null,
        latestRows: head?.latest.rows ?? null,
      });
    }
    return result;
  }

  /** One page of a snapshot's rows; a key lookup is one page of at most one row. */
  async page(name: string, selection: RowSelection, request: PageRequest): Promise<RowPage> {
    const definition = await this.definition(name);
    if (request.cursor !== undefined && selection.key) throw new DroplineError('USAGE', 'a key lookup returns at most one row; cursor does not apply to it');
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const manifest = await selectSnapshot((reference) => this.resolve(definition, reference), selection, cursor?.snapshot);
    const cached = await this.tables.snapshot(definition, manifest);
    const { indexes, next } = pageRows(
      cached.table.rows,
      this.candidates(definition, cached, selection, cursor?.offset ?? 0),
      this.filter(definition, manifest, cached, selection),
      request.limit,
    );
    return {
      pipeline: name,
      snapshot: manifest.id,
      key: definition.schema.key,
      columns: cached.table.columns,
      rows: indexes.map((i) => toRecord(cached.table.columns, cached.table.rows[i]!)),
      nextCursor: next === null ? null : encodeCursor({ snapshot: manifest.id, offset: next }),
    };
  }

  /** Every row of the selection, in table order (for a CSV download). */
  async select(name: string, selection: RowSelection): Promise<RowStream> {
    const definition = await this.definition(name);
    const manifest = await selectSnapshot((reference) => this.resolve(definition, reference), selection);
    const cached = await this.tables.snapshot(definition, manifest);
    const match = this.filter(definition, manifest, cached, selection);
    const candidates = this.candidates(definition, cached, selection, 0);
    const rows = cached.table.rows;
    return {
      pipeline: name,
      snapshot: manifest.id,
      columns: cached.table.columns,
      rows: (function* () {
        for (const i of candidates) if (match(rows[i]!)) yield rows[i]!;
      })(),
    };
  }

  /** Keys added, removed and changed from `from` to `to`, each list cut at `limit`. */
  async diff(name: string, from: string, to: string, limit: number): Promise<DiffPage> {
    return this.diffOf(await this.definition(name), from, to, limit);
  }

  /** diff() for a definition already loaded (a command's pipeline scope). */
  async diffOf(definition: PipelineDefinition, from: string, to: string, limit: number): Promise<DiffPage> {
    const name = definition.name;
    const [a, b] = await Promise.all([this.resolve(definition, from), this.resolve(definition, to)]);
    const { before, after } = (await adjacentRows(this.store.open(definition), definition, a, b)) ?? {
      before: (await this.tables.snapshot(definition, a)).table,
      after: (await this.tables.snapshot(definition, b)).table,
    };
    const diff = diffTables(before, after, definition.schema.key, keyComparator(definition));
    const keyIndexes = definition.schema.key.map((k) => after.columns.indexOf(k));
    const find = keyLookup(after.rows, keyIndexes, keyComparator(definition));
    const cut = <T>(list: T[]): T[] => list.slice(0, limit);
    return {
      pipeline: name,
      from: a.id,
      to: b.id,
      key: definition.schema.key,
      columns: { before: before.columns, after: after.columns, ...diff.columns },
      counts: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
      added: cut(diff.added).map((row) => toRecord(after.columns, row)),
      removed: cut(diff.removed).map((row) => toRecord(before.columns, row)),
      changed: cut(diff.changed).map(({ key, changes }) => ({ key, row: toRecord(after.columns, after.rows[find(key)]!), changes })),
      truncated: Math.max(diff.added.length, diff.removed.length, diff.changed.length) > limit,
    };
  }

  /** Every version of a key's row, oldest first (what `dropline history --json` prints), for a definition already loaded. */
  async historyOf(definition: PipelineDefinition, values: string[]): Promise<RowVersion[]> {
    const snapshots = this.store.open(definition);
    return rowVersions(await snapshots.list(), requireRowFinder(definition.name, snapshots.rows?.() ?? null), canonicalKey(definition, values));
  }

  /** The runs that set rows aside, oldest first, from the snapshots' manifests. */
  async rejects(name: string): Promise<RejectsListing[]> {
    const definition = await this.definition(name);
    return (await this.store.open(definition).list()).flatMap((m) => (m.rejects ? [{ run: m.id, createdAt: m.createdAt, rows: m.counts.rejected, path: m.rejects }] : []));
  }

  /** One page of a run's rejects file; null when that run set nothing aside (or its file is gone). */
  async rejectRows(name: string, run: string, request: PageRequest): Promise<RowPage | null> {
    const definition = await this.definition(name);
    if (!isSnapshotId(run)) throw new DroplineError('USAGE', `run "${run}" is not a run id (ids look like 20261125T214231123Z)`, { pipeline: name });
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    if (cursor && cursor.snapshot !== run) throw new DroplineError('USAGE', `cursor belongs to run ${cursor.snapshot}, not ${run}`);
    const manifest = await this.store.open(definition).get(run);
    if (!manifest.rejects) return null;
    const path = this.workspace.resolve(manifest.rejects, 'rejects');
    let cached: CachedTable;
    try {
      cached = await this.tables.load(`rejects\u0000${path}\u0000${manifest.id}`, async () => csvToTable(await readFile(path, 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const { indexes, next } = pageRows(cached.table.rows, range(cursor?.offset ?? 0, cached.table.rows.length), () => true, request.limit);
    return {
      pipeline: name,
      snapshot: manifest.id,
      key: [],
      columns: cached.table.columns,
      rows: indexes.map((i) => toRecord(cached.table.columns, cached.table.rows[i]!)),
      nextCursor: next === null ? null : encodeCursor({ snapshot: manifest.id, offset: next }),
    };
  }

  /** A snapshot by id, date or date-time (resolveAsOf); `latest` is the newest, and a pipeline with none says how to make one. */
  private async resolve(definition: PipelineDefinition, id: string): Promise<SnapshotManifest> {
    if (id !== 'latest') return resolveAsOf(this.store.open(definition), id, { pipeline: definition.name, unknown: 'SNAPSHOT_NOT_FOUND' });
    const head = await this.store.open(definition).head();
    if (head) return head;
    throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${definition.name} has no snapshots yet; run it with: dropline run ${definition.name}`, { pipeline: definition.name });
  }

  private candidates(definition: PipelineDefinition, cached: CachedTable, selection: RowSelection, offset: number): Iterable<number> {
    if (!selection.key) return range(offset, cached.table.rows.length);
    const columns = definition.schema.key;
    if (selection.key.length !== columns.length) {
      const example = columns.map((c) => `key=<${c}>`).join('&');
      throw new DroplineError('USAGE', `key takes ${columns.length} value(s), one per key column in order (${columns.join(', ')}): ?${example}; got ${selection.key.length}`);
    }
    const found = this.lookup(definition, cached)(selection.key);
    return found < 0 ? [] : [found];
  }

  private filter(definition: PipelineDefinition, manifest: SnapshotManifest, cached: CachedTable, selection: RowSelection): (row: readonly string[]) => boolean {
    return rowFilter(cached.columnIndex, selection.where ?? new Map(), `snapshot ${manifest.id} of ${definition.name}`);
  }

  /** Finds a row by key, built once per table and key definition. */
  private lookup(definition: PipelineDefinition, cached: CachedTable): (key: string[]) => number {
    const { key, columns } = definition.schema;
    const signature = JSON.stringify(key.map((k) => [k, columns.find((c) => c.name === k)?.type]));
    let find = cached.lookups.get(signature);
    if (!find) {
      const indexes = key.map((k) => {
        const i = cached.columnIndex.get(k);
        if (i === undefined)
          throw new DroplineError('USAGE', `key column "${k}" is not in this snapshot (its columns: ${cached.table.columns.join(', ')}); was the key changed since?`, {
            pipeline: definition.name,
          });
        return i;
      });
      find = keyLookup(cached.table.rows, indexes, keyComparator(definition));
      cached.lookups.set(signature, find);
    }
    return find;
  }
}

function* range(start: number, end: number): Generator<number> {
  for (let i = start; i < end; i++) yield i;
}
