import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readStateJson, type StateFile } from '../snapshots/readStateJson.js';
import { atomicWrite } from '../util/atomicWrite.js';

/** One archived file as last seen: its content hash (the ledger's) and when the snapshot that ingested it was made. */
export interface ArchivedFile {
  sha256: string;
  /** Size and modification time when hashed: a file that still has both is not read again. */
  bytes: number;
  mtimeMs: number;
  /** Whether the file's bytes are gzip (compressed by dropline, or dropped that way). */
  gzip: boolean;
  /** ISO 8601 UTC: when its data was first held by a snapshot; null while no snapshot's ledger names it. */
  ingested: string | null;
}

/** An input deleted under `source.retain.delete`. */
export interface DeletedInput {
  name: string;
  sha256: string;
  ingested: string;
  deletedAt: string;
  /** The base it was deleted under: a pinned snapshot that holds its rows. */
  base: string;
}

/** `retention.json` beside a pipeline's snapshots: what `source.retain` did to its archive. */
export interface RetentionState {
  /** The pinned snapshot clean rebuilds from (inputs its ledger holds may be deleted); null until something was deleted. */
  base: string | null;
  /** Archived files by name (as shown), with their hashes and ingestion times. */
  files: Record<string, ArchivedFile>;
  /** The gzip files retention made, by name: the name and hash of the original (it is restored under that name before it moves back into the drop). */
  compressed: Record<string, { name: string; sha256: string }>;
  deleted: DeletedInput[];
}

const EMPTY_RETENTION: RetentionState = { base: null, files: {}, compressed: {}, deleted: [] };

/** Reads and writes (atomically) a pipeline's retention.json; a damaged one is STATE_DAMAGED, never "nothing happened". */
export class RetentionStateFile {
  constructor(private readonly file: StateFile) {}

  get path(): string {
    return this.file.path;
  }

  async read(): Promise<RetentionState> {
    const state = await readStateJson(this.file, (value) => {
      const s = value as RetentionState;
      const ok =
        typeof s === 'object' &&
        s !== null &&
        (s.base === null || typeof s.base === 'string') &&
        typeof s.files === 'object' &&
        s.files !== null &&
        typeof s.compressed === 'object' &&
        s.compressed !== null &&
        Array.isArray(s.deleted);
      return ok ? s : new Error('base, files, compressed or deleted is missing or of the wrong kind');
    });
    return state ?? structuredClone(EMPTY_RETENTION);
  }

  async write(state: RetentionState): Promise<void> {
    await mkdir(dirname(this.file.path), { recursive: true });
    await atomicWrite(this.file.path, JSON.stringify(state, null, 2) + '\n');
  }
}
