import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { PipelineContext } from '../scope/PipelineContext.js';
import type { Workspace } from '../workspace/Workspace.js';
import { readStateJson } from '../snapshots/readStateJson.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { ClosedReject } from './RejectedRow.js';

const FILE = 'rejects.json';
const isClosed = (v: unknown): v is ClosedReject => {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (c.state === 'replayed' || c.state === 'dismissed') && typeof c.at === 'string' && (c.by === undefined || typeof c.by === 'string');
};

/**
 * The rejects that are no longer open, by id (`<run>:<line>`), in
 * `<snapshots.path>/<pipeline>/rejects.json`; a reject not in it is open.
 * Written atomically; changed only under the pipeline's lock (by the callers).
 */
@injectable()
export class RejectStates {
  constructor(@inject(PipelineContext) private readonly context: PipelineContext) {}

  read(): Promise<Map<string, ClosedReject>> {
    return RejectStates.of(this.context.definition, this.context.workspace);
  }

  /** The closed rejects of a pipeline, read outside its scope (status counts the open ones). */
  static async of(definition: PipelineDefinition, workspace: Workspace): Promise<Map<string, ClosedReject>> {
    const path = statesPath(definition, workspace);
    const file = {
      path,
      shown: workspace.display(path),
      pipeline: definition.name,
      what: 'the states of rejected rows',
      todo: 'repair it (a JSON object of {"<run>:<line>": {"state": "replayed" | "dismissed", "at": "<ISO time>"}}) or delete it to reopen every reject',
    };
    const value = await readStateJson(file, (v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isClosed)
        ? (v as Record<string, ClosedReject>)
        : new Error('not an object of reject states'),
    );
    return new Map(Object.entries(value ?? {}));
  }

  /** Records these as closed, keeping the others; call under the pipeline's lock. */
  async close(closed: ReadonlyMap<string, ClosedReject>): Promise<void> {
    if (closed.size === 0) return;
    const all = await this.read();
    for (const [id, state] of closed) all.set(id, state);
    const path = this.path();
    await mkdir(dirname(path), { recursive: true });
    await atomicWrite(path, JSON.stringify(Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), null, 1) + '\n');
  }

  private path(): string {
    return statesPath(this.context.definition, this.context.workspace);
  }
}

function statesPath(definition: PipelineDefinition, workspace: Workspace): string {
  return join(workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, FILE);
}
