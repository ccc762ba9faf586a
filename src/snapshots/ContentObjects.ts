import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DroplineError } from '../errors/DroplineError.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { sha256 } from '../util/sha256.js';
import { listDir } from './listDir.js';
import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';

/**
 * One pipeline's content-addressed objects: `objects/<sha256>.csv.gz` holds
 * each distinct latest.csv once, `ledgers/<sha256>.json` each distinct ledger
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

  /** A snapshot's latest.csv bytes, checked against its checksum. */
  async readContent(manifest: SnapshotManifest): Promise<Buffer> {
    const file = join(this.dir, manifest.latest.object);
    let content: Buffer;
    try {
      content = gunzipSync(await readFile(file));
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: snapshot ${manifest.id} content is missing or damaged`, { pipeline: this.pipeline }, { cause: err });
    }
    if (sha256(content) !== manifest.latest.sha256) {
      throw new DroplineError('STATE_CORRUPT', `${file}: snapshot ${manifest.id} content does not match its checksum`, { pipeline: this.pipeline });
    }
    return content;
  }

  /** Removes the objects and ledgers none of `kept` refers to. */
  async sweep(kept: SnapshotManifest[]): Promise<void> {
    const used = new Set(kept.flatMap((m) => [m.latest.object, m.ledger.object]));
    for (const folder of ['objects', 'ledgers']) {
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
