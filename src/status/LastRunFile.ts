import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { readStateJson } from '../snapshots/readStateJson.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { Workspace } from '../workspace/Workspace.js';

/** How the pipeline's last run ended: `<snapshots.path>/<pipeline>/last-run.json`. */
export interface LastRun {
  runId: string;
  /** When it ended, ISO 8601 UTC. */
  at: string;
  ok: boolean;
  /** Why it failed (ok false). */
  error?: { code: string; message: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(value: unknown): LastRun | Error {
  if (!isObject(value) || typeof value.runId !== 'string' || typeof value.at !== 'string' || typeof value.ok !== 'boolean') {
    return new Error('not a JSON object with runId, at and ok');
  }
  const error = value.error;
  if (error !== undefined && (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string')) return new Error('error is not {code, message}');
  return value as unknown as LastRun;
}

/** Reads and writes the record of a pipeline's last run, beside its snapshots (written atomically; damaged: STATE_DAMAGED). */
export class LastRunFile {
  private readonly path: string;

  constructor(
    private readonly definition: PipelineDefinition,
    private readonly workspace: Workspace,
  ) {
    this.path = join(workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, 'last-run.json');
  }

  read(): Promise<LastRun | null> {
    const shown = this.workspace.display(this.path);
    const todo = `delete it (the next run writes it again; dropline status then judges by the snapshots alone)`;
    return readStateJson({ path: this.path, shown, pipeline: this.definition.name, what: 'the record of the last run', todo }, check);
  }

  async write(record: LastRun): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await atomicWrite(this.path, JSON.stringify(record) + '\n');
  }
}
