import { gunzipIfCompressed } from '../sources/gunzipIfCompressed.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { InputIngestor } from '../runner/InputIngestor.js';
import { PipelineSession } from '../scope/PipelineSession.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { RowFinder } from '../snapshots/RowFinder.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { CsvTableReader } from '../sources/CsvTableReader.js';
import { TOKENS } from '../tokens.js';
import { encodeKey } from '../util/encodeKey.js';
import { sha256 } from '../util/sha256.js';
import { canonicalKey } from './canonicalKey.js';
import { toRecord } from './toRecord.js';
import type { Explanation, RowVersion } from './QueryResults.js';
import { requireRowFinder } from './requireRowFinder.js';
import { rowVersions } from './rowVersions.js';

/**
 * Where a row came from and what it was before (`dropline explain`,
 * `dropline history`): one key looked up in each snapshot through the store's
 * changesets, never a whole table; the rows that lost are read again from the
 * archived inputs of the run that brought the row, through the real reader
 * and validator.
 */
@injectable()
export class RowHistory {
  constructor(
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(InputIngestor) private readonly ingestor: InputIngestor,
    @inject(TOKENS.CsvReader) private readonly csv: CsvTableReader,
  ) {}

  /** Every version of the key's row, oldest first: one entry per snapshot where it appeared, changed or went. */
  async history(values: string[]): Promise<RowVersion[]> {
    return rowVersions(await this.store.list(), this.finder(), canonicalKey(this.session.context.definition, values));
  }

  /** The key's current row, where it came from, why it won, and the rows for it that lost in that run. */
  async explain(values: string[]): Promise<Explanation> {
    const { definition } = this.session.context;
    const key = canonicalKey(definition, values);
    const manifests = await this.store.list();
    const head = manifests.at(-1);
    if (head === undefined)
      throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${definition.name} has no snapshot latest; list them with: dropline snapshots ${definition.name}`);
    const found = (await this.finder().find(head, [key]))[0] ?? null;
    if (found === null) {
      throw new DroplineError(
        'KEY_NOT_FOUND',
        `pipeline ${definition.name} has no row with key ${key.join(', ')} (${definition.schema.key.join(', ')}) in snapshot ${head.id}; see its versions with: dropline history ${definition.name} ${values.join(' ')}`,
        { pipeline: definition.name },
      );
    }
    const schemaColumns = definition.schema.columns.map((c) => c.name);
    const row = toRecord(found.columns, found.row);
    const run = found.origin.snapshot === '' ? null : (manifests.find((m) => m.id === found.origin.snapshot) ?? null);
    const competitors = run === null ? null : await this.rowsIn(run, key);
    const winner = competitors?.find((c) => c.file === found.origin.file && c.line === found.origin.line);
    const losers = competitors?.filter((c) => c !== winner) ?? null;
    return {
      pipeline: definition.name,
      key,
      row,
      source: { file: found.origin.file || null, line: found.origin.line || null, run: run?.id ?? null, snapshot: head.id },
      reason: reasonOf(winner?.order, losers ?? [], row[definition.schema.timestamp] ?? '', run !== null),
      losers: (losers ?? []).map(({ file, line, values: v }) => ({ file, line, row: toRecord(schemaColumns, v) })),
      losersRead: losers !== null,
    };
  }

  private finder(): Pick<RowFinder, 'find' | 'runChanges'> {
    return requireRowFinder(this.session.context.definition.name, this.store.rowFinder());
  }

  /** The valid rows with this key in a run's inputs, read again from the archive (only the files still there, unchanged). */
  private async rowsIn(run: SnapshotManifest, key: string[]): Promise<{ file: string; line: number; order: number; values: string[] }[] | null> {
    const { definition, workspace, logger } = this.session.context;
    const archive = run.paths?.archive ?? (definition.source.type === 'directory' ? definition.source.archive : null);
    if (archive === null || archive === '') return null;
    const wanted = encodeKey(key);
    const rows: { file: string; line: number; order: number; values: string[] }[] = [];
    const folder = workspace.resolve(archive, 'source.archive');
    const probes = keyProbes(definition, key);
    for (const file of run.files) {
      const bytes = await archivedCopy(folder, file.name, file.sha256);
      if (bytes === null || !mayHold(bytes, probes)) continue;
      const { delimiter, parser, encoding } = definition.source;
      const table = { fingerprint: file.sha256, ...this.csv.read(bytes, delimiter, file.name, parser, encoding) };
      const input = { name: file.name, location: join(archive, file.name) };
      const onRow = (r: { key: string; line: number; order: number; values: string[] }): void => {
        if (r.key === wanted) rows.push({ file: file.name, line: r.line, order: r.order, values: r.values });
      };
      await this.ingestor.ingestOpened(definition, input, table, new Map(), { onRow, onReject: () => undefined }, logger);
    }
    return rows;
  }
}

/**
 * Bytes every input holding the key must contain, so inputs without them are not parsed (a first run's drop of
 * millions of rows holds a key in a few files): the ASCII text of each string key part, when the inputs are read as
 * UTF-8 or a single-byte encoding (`auto` may find UTF-16) and the part has no quote a CSV would double.
 */
function keyProbes(definition: PipelineDefinition, key: string[]): Buffer[] {
  if (!['utf-8', 'windows-1252', 'latin1'].includes(definition.source.encoding)) return [];
  return key.flatMap((part, i) => {
    const column = definition.schema.columns.find((c) => c.name === definition.schema.key[i]);
    return column?.type === 'string' && /^[\x20-\x21\x23-\x7e]+$/.test(part) ? [Buffer.from(part, 'latin1')] : [];
  });
}

const mayHold = (bytes: Buffer, probes: Buffer[]): boolean => probes.every((p) => bytes.includes(p));

/**
 * An archived input by its name and content hash: `name` itself, `<name>.gz` (source.retain compressed it), or a
 * file a name clash archived as `<stem>_<n><ext>`.
 */
async function archivedCopy(folder: string, name: string, hash: string): Promise<Buffer | null> {
  const exact = await readFile(join(folder, name)).catch(() => null);
  if (exact !== null && sha256(exact) === hash) return exact;
  const packed = await readFile(join(folder, `${name}.gz`)).catch(() => null);
  const inflated = packed === null ? null : await gunzipIfCompressed(packed, name).catch(() => null);
  if (inflated !== null && sha256(inflated) === hash) return Buffer.from(inflated);
  const stem = name.replace(/\.[^.]*$/, '');
  for (const other of await readdir(folder).catch(() => [] as string[])) {
    if (other === name || !other.startsWith(`${stem}_`)) continue;
    const bytes = await readFile(join(folder, other)).catch(() => null);
    if (bytes !== null && sha256(bytes) === hash) return bytes;
  }
  return null;
}

function reasonOf(order: number | undefined, losers: { order: number }[], timestamp: string, known: boolean): string {
  if (!known) return 'this snapshot keeps no origin for the row (written before dropline recorded origins)';
  if (order === undefined) return `newest timestamp (${timestamp}); its input is no longer in the archive (unchanged) to compare with the others`;
  const ties = losers.filter((l) => l.order === order).length;
  if (losers.length === 0) return `the only row for this key in its run (timestamp ${timestamp}), newer than or tied with the row it replaced`;
  if (ties === 0) return `greatest timestamp (${timestamp}) among the ${losers.length + 1} rows for this key in its run`;
  return `tie on timestamp ${timestamp} with ${ties} other row(s): the row read last (later file, then later line) wins`;
}
