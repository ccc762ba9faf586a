import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../util/atomicWrite.js';
import type { Workspace } from '../workspace/Workspace.js';
import { listDir } from './listDir.js';
import type { ManifestCatalog } from './ManifestCatalog.js';
import { parseManifest } from './parseManifest.js';
import { PinSet } from './PinSet.js';
import { readStateJson, type StateFile } from './readStateJson.js';
import type { SnapshotManifest } from './SnapshotManifest.js';
import { isSnapshotId } from './snapshotId.js';

/** Manifests as `manifests/<id>.json` and pins as `pins.json` in a pipeline's snapshot folder `dir`. */
export class FileManifests implements ManifestCatalog {
  constructor(
    private readonly dir: string,
    private readonly pipeline: string,
    private readonly workspace: Workspace,
  ) {}

  async ids(): Promise<string[]> {
    return (await listDir(join(this.dir, 'manifests')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isSnapshotId)
      .sort();
  }

  read(id: string): Promise<SnapshotManifest | null> {
    const todo = `restore it from a backup, or move it out of the manifests folder to drop snapshot ${id} from the history`;
    const file = this.stateFile(join('manifests', `${id}.json`), `the manifest of snapshot ${id}`, todo);
    return readStateJson(file, (value) => parseManifest(value, id));
  }

  async write(manifest: SnapshotManifest): Promise<void> {
    const dir = join(this.dir, 'manifests');
    await mkdir(dir, { recursive: true });
    await atomicWrite(join(dir, `${manifest.id}.json`), JSON.stringify(manifest, null, 2) + '\n');
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) await rm(join(this.dir, 'manifests', `${id}.json`));
    await this.pinSet().forget(ids);
  }

  pins(): Promise<Set<string>> {
    return this.pinSet().read();
  }

  setPinned(id: string, pinned: boolean): Promise<void> {
    return this.pinSet().set(id, pinned);
  }

  private pinSet(): PinSet {
    const todo = `restore it from a backup, or write the pinned snapshot ids into it as a JSON list (["<id>", ...], [] for none); prune, pin and unpin refuse to run until then`;
    return new PinSet(this.stateFile('pins.json', 'the list of pinned snapshots', todo));
  }

  private stateFile(name: string, what: string, todo: string): StateFile {
    const path = join(this.dir, name);
    return { path, shown: this.workspace.display(path), pipeline: this.pipeline, what, todo };
  }
}
