import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DroplineError } from '../errors/DroplineError.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { sha256 } from '../util/sha256.js';
import { ChangeRecords } from './ChangeRecords.js';
import { CHANGES_DIR, isChangesObject } from './changesFormat.js';
import { inflateObject } from './inflateObject.js';
import { listDir } from './listDir.js';
import { SnapshotChain } from './SnapshotChain.js';
import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';

/** The folders of content objects: plain latest.csv copies (the first format) and changes objects. */
export const CONTENT_FOLDERS = ['objects', CHANGES_DIR];

/**
 * One pipeline's content-addressed objects: `changes/<sha256>.csv.br` (or
 * `.csv.gz`, written before) each checkpoint and changeset once, `objects/` each
 * latest.csv kept whole once, `ledgers/<sha256>.json` each distinct ledger
 * of processed files. Written once, never changed; swept when no snapshot refers to them.
 */
export class ContentObjects {
  constructor(
    private readonly dir: string,
    private readonly pipeline: string,
  ) {}

  /** Writes an object unless it exists (same name, same bytes). */
  async write(object: string, bytes: () => Uint8Array | string | Promise<Uint8Array>): Promise<void> {
    const file = join(this.dir, object);
    await mkdir(dirname(file), { recursive: true });
    if (!(await exists(file))) await atomicWrite(file, await bytes());
  }

  async writeLedger(entries: LedgerEntry[]): Promise<SnapshotManifest['ledger']> {
    const text = JSON.stringify(entries) + '\n';
    const object = `ledgers/${sha256(text)}.json`;
    await this.write(object, () => text);
    return { object, files: entries.length };
  }

  async readLedger(manifest: SnapshotManifest): Promise<LedgerEntry[]> {
    const file = join(this.dir, manifest.ledger.object);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as LedgerEntry[];
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: the ledger of snapshot ${manifest.id} is missing or damaged`, { pipeline: this.pipeline }, { cause: err });
    }
  }

  /** A snapshot's latest.csv bytes, checked against its checksum: its object, or its checkpoint and changesets merged. */
  async readContent(manifest: SnapshotManifest): Promise<Buffer> {
    const { object, changes, sha256: expected } = manifest.latest;
    const content = changes?.length || isChangesObject(object) ? (await this.chain(manifest)).latest() : await this.inflate(manifest, object);
    if (sha256(content) !== expected) {
      const what = changes?.length ? `${join(this.dir, object)} and its ${changes.length} changeset(s)` : join(this.dir, object);
      throw new DroplineError('STATE_CORRUPT', `${what}: snapshot ${manifest.id} content does not match its checksum`, { pipeline: this.pipeline });
    }
    return content;
  }

  /** A snapshot's table as its checkpoint and changesets (each checked against the hash it is named by). */
  async chain(manifest: SnapshotManifest): Promise<SnapshotChain> {
    const lists = await Promise.all([manifest.latest.object, ...(manifest.latest.changes ?? [])].map((o) => this.records(manifest, o)));
    try {
      return new SnapshotChain(lists, manifest.latest.order);
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${join(this.dir, manifest.latest.object)}: snapshot ${manifest.id} cannot be read: ${(err as Error).message}`, {
        pipeline: this.pipeline,
      });
    }
  }

  /** The records of one object: a changes object's, or a plain latest.csv's lines. */
  async records(manifest: SnapshotManifest, object: string): Promise<ChangeRecords> {
    const bytes = await this.inflate(manifest, object);
    const file = join(this.dir, object);
    if (isChangesObject(object) && sha256(bytes) !== basename(object).replace(/\..*$/, '')) {
      throw new DroplineError('STATE_CORRUPT', `${file}: an object of snapshot ${manifest.id} does not match the hash it is named by; restore it from a backup`, {
        pipeline: this.pipeline,
      });
    }
    try {
      return isChangesObject(object) ? ChangeRecords.parse(bytes) : ChangeRecords.ofLatestCsv(bytes);
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: an object of snapshot ${manifest.id} is damaged (${(err as Error).message}); restore it from a backup`, {
        pipeline: this.pipeline,
      });
    }
  }

  private async inflate(manifest: SnapshotManifest, object: string): Promise<Buffer> {
    const file = join(this.dir, object);
    try {
      return await inflateObject(await readFile(file), object);
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: snapshot ${manifest.id} content is missing or damaged`, { pipeline: this.pipeline }, { cause: err });
    }
  }

  /** Removes the objects and ledgers none of `kept` refers to. */
  async sweep(kept: SnapshotManifest[]): Promise<void> {
    const used = new Set(kept.flatMap((m) => [m.latest.object, ...(m.latest.changes ?? []), ...(m.latest.run ? [m.latest.run] : []), m.ledger.object]));
    for (const folder of [...CONTENT_FOLDERS, 'ledgers']) {
      for (const name of await listDir(join(this.dir, folder))) {
        if (!used.has(`${folder}/${name}`)) await rm(join(this.dir, folder, name), { force: true });
      }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
