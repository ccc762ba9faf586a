import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../logging/Logger.js';
import { stageWrite } from '../util/atomicWrite.js';
import { readWhole } from '../util/readWhole.js';

const HASH_BYTES = 64;

/**
 * The sidecar an engine writes with a commit (`latest.index` in the store's
 * folder) so the next run can skip parsing latest.csv: opaque bytes prefixed
 * with the hex SHA-256 of the latest.csv they describe. Read back only for
 * that very content, so a reset, a recovery or a crash before it was written
 * leaves one that is simply not used. Writing it is best effort.
 */
export class LatestIndexFile {
  constructor(
    readonly path: string,
    private readonly logger: Logger,
    private readonly pipeline: string,
  ) {}

  /**
   * The index in a temp file beside its place, so that a commit can write it
   * while it writes its manifest and rename it into place after latest.csv.
   * Not fsynced: an index is used only when its checksum, its length and the
   * latest.csv it names all match, so a crash costs the next run a read of
   * latest.csv at most. Null (with a warning) when it cannot be written.
   */
  async stage(sha256: string, index: Uint8Array[]): Promise<{ commit(): Promise<void>; abort(): Promise<void> } | null> {
    try {
      // Staged before the manifest: the store's folder may not be there yet (team mode keeps manifests in its catalog).
      await mkdir(dirname(this.path), { recursive: true });
      const staged = await stageWrite(this.path, [Buffer.from(sha256, 'latin1'), ...index], false);
      return { commit: () => staged.commit().catch((err: unknown) => this.warn(err)), abort: () => staged.abort() };
    } catch (err) {
      this.warn(err);
      return null;
    }
  }

  private warn(err: unknown): void {
    this.logger.warn(`could not write ${this.path} (${(err as Error).message}); the next run reads latest.csv instead`, { pipeline: this.pipeline });
  }

  /** The index of the latest.csv whose hash is `sha256`, or null. */
  async read(sha256: string): Promise<Uint8Array | null> {
    const bytes = await readWhole(this.path).catch(() => null);
    if (bytes === null || bytes.length < HASH_BYTES || bytes.toString('latin1', 0, HASH_BYTES) !== sha256) return null;
    return bytes.subarray(HASH_BYTES);
  }
}
