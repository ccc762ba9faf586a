import { fsyncDir } from './atomicWrite.js';

/**
 * Folders holding renames that are not durable yet, each fsynced once by
 * `flush()` however many renames it saw: moving fifty files costs two folder
 * fsyncs, not a hundred. Until then a power cut may undo a rename, never half
 * do one.
 */
export class FolderSyncs {
  /** By the path's bytes, so a name given as text and the same name given as bytes count once. */
  private readonly folders = new Map<string, string | Buffer>();

  add(folder: string | Buffer): void {
    const key = Buffer.from(folder).toString('latin1');
    if (!this.folders.has(key)) this.folders.set(key, folder);
  }

  /** The folders waiting, as given. */
  pending(): (string | Buffer)[] {
    return [...this.folders.values()];
  }

  flush(): void {
    for (const folder of this.folders.values()) fsyncDir(folder);
    this.folders.clear();
  }
}
