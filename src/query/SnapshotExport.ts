import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { inject, injectable } from 'inversify';
import { tableToCsv } from '../csv/tableToCsv.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { writeError } from '../errors/writeError.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { isInside } from '../util/isInside.js';
import type { Workspace } from '../workspace/Workspace.js';
import { resolveAsOf } from './resolveAsOf.js';

/**
 * `dropline export`: a pipeline's table as it was at a snapshot (resolveAsOf),
 * byte-identical to the latest.csv that snapshot recorded, as bytes or written
 * to a file of the user's.
 */
@injectable()
export class SnapshotExport {
  constructor(
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
  ) {}

  /** The snapshot `asOf` names and its latest.csv bytes (checked against its checksum by the store). */
  async read(definition: PipelineDefinition, asOf: string): Promise<{ snapshot: SnapshotManifest; bytes: Buffer }> {
    const snapshots = this.store.open(definition);
    const snapshot = await resolveAsOf(snapshots, asOf, { pipeline: definition.name, what: '--as-of' });
    // A store without byte reads (a plug-in's) hands a table; tableToCsv writes the bytes a run writes.
    const bytes = snapshots.readLatestBytes ? await snapshots.readLatestBytes(snapshot) : tableToCsv(await snapshots.readTable(snapshot));
    return { snapshot, bytes };
  }

  /**
   * Writes that table atomically to `out` (absolute, or relative to the
   * workspace), creating its folder; never over the pipeline's own latest.csv
   * nor inside its snapshots folder. `path` is the file as messages show it.
   */
  async write(definition: PipelineDefinition, asOf: string, out: string): Promise<{ snapshot: SnapshotManifest; path: string }> {
    const target = resolve(this.workspace.root, out);
    await this.refuse(definition, out, target);
    const { snapshot, bytes } = await this.read(definition, asOf);
    await mkdir(dirname(target), { recursive: true }).catch((err: unknown) => {
      throw writeError(err, dirname(target));
    });
    await atomicWrite(target, bytes);
    return { snapshot, path: this.workspace.display(target) };
  }

  /** USAGE for a target that is the pipeline's latest.csv, inside its snapshots folder, or a folder (links followed). */
  private async refuse(definition: PipelineDefinition, out: string, target: string): Promise<void> {
    const name = definition.name;
    const [real, latest, snapshots] = await Promise.all([
      realPath(target),
      realPath(this.workspace.resolve(definition.output.path, 'output.path')),
      realPath(this.workspace.resolve(definition.snapshots.path, 'snapshots.path')),
    ]);
    if (real === latest) {
      throw new DroplineError(
        'USAGE',
        `--out ${out} is pipeline ${name}'s own latest.csv (output.path), which export does not overwrite; write the copy elsewhere, or make latest.csv a snapshot's table with: dropline reset ${name} --to <snapshot>`,
        { pipeline: name },
      );
    }
    if (real === snapshots || isInside(real, snapshots)) {
      throw new DroplineError('USAGE', `--out ${out} is inside ${definition.snapshots.path}/ (snapshots.path), where only dropline writes; choose a path outside it`, {
        pipeline: name,
      });
    }
    if ((await stat(real).catch(() => null))?.isDirectory()) {
      throw new DroplineError('USAGE', `--out ${out} is a folder; name the file to write, e.g. ${join(out, `${basename(name)}.csv`)}`, { pipeline: name });
    }
  }
}

/** `path` with every link in it resolved, as far as it exists (the rest appended as given). */
async function realPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPath(parent), basename(path));
  }
}
