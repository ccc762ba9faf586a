import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { SnapshotManifest } from './SnapshotManifest.js';
import type { SnapshotStore } from './SnapshotStore.js';
import { readStateJson } from './readStateJson.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { Workspace } from '../workspace/Workspace.js';

const JOURNAL = 'rejects.pending';

/**
 * Keeps rejects files living and dying with the snapshots that name them.
 * Before a rejects file is written (a run) or orphaned (pruning its
 * snapshot), its path goes into `<snapshots>/<pipeline>/rejects.pending`;
 * `settle` then deletes those no manifest names and forgets them. A crash in
 * between leaves the journal, and recovery settles it: a run that died before
 * its commit leaves no rejects file behind, a prune none of its snapshots'.
 * Paths are workspace-relative, as manifests record them.
 */
@injectable()
export class RejectsJournal {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** The rejects files of these snapshots. */
  static of(manifests: SnapshotManifest[]): string[] {
    return manifests.flatMap((m) => (m.rejects ? [m.rejects] : []));
  }

  /** Records rejects files that may end up named by no snapshot; call before writing or orphaning them. */
  async intend(definition: PipelineDefinition, paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    const file = this.path(definition);
    const pending = (await this.read(definition)) ?? [];
    await mkdir(dirname(file), { recursive: true });
    await atomicWrite(file, JSON.stringify([...new Set([...pending, ...paths])]) + '\n');
  }

  /** Deletes the recorded rejects files no snapshot names and forgets the record; returns the deleted paths. */
  async settle(definition: PipelineDefinition): Promise<string[]> {
    const pending = await this.read(definition);
    if (pending === null) return [];
    const named = new Set(RejectsJournal.of(await this.store.open(definition).list()));
    const orphans = pending.filter((p) => !named.has(p));
    for (const p of orphans) await rm(this.workspace.resolve(p, 'validation.rejects'), { force: true });
    await rm(this.path(definition), { force: true });
    if (orphans.length > 0) this.logger.info(`removed ${orphans.length} rejects file(s) no snapshot names`, { pipeline: definition.name, files: orphans });
    return orphans;
  }

  private read(definition: PipelineDefinition): Promise<string[] | null> {
    const path = this.path(definition);
    const todo = `delete the rejects files it lists that no snapshot names (dropline snapshots ${definition.name} --json), then delete it`;
    const file = { path, shown: this.workspace.display(path), pipeline: definition.name, what: 'the list of pending rejects files', todo };
    return readStateJson(file, (value) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : new Error('not a JSON list of paths')));
  }

  private path(definition: PipelineDefinition): string {
    return join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, JOURNAL);
  }
}
