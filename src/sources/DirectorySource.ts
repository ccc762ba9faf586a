import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { globToRegExp } from '../util/globToRegExp.js';
import { moveFile } from '../util/moveFile.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CsvReader } from './CsvReader.js';
import type { QuarantineReason, RawTable, Source, SourceInput } from './Source.js';

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The built-in `directory` source: the CSV files in `source.path` matching
 * `source.pattern`, in file-name order (code point order, so dated names sort
 * by date). Acknowledged files move to `source.archive`; unusable ones to the
 * quarantine folder with a `<file>.error.json` beside them.
 */
export class DirectorySource implements Source {
  private readonly dropDir: string;
  private readonly archiveDir: string;
  private readonly quarantineDir: string;
  private readonly pattern: RegExp;

  constructor(
    private readonly definition: PipelineDefinition,
    workspace: Workspace,
    private readonly reader: CsvReader,
  ) {
    this.dropDir = workspace.resolve(definition.source.path, 'source.path');
    this.archiveDir = workspace.resolve(definition.source.archive, 'source.archive');
    this.quarantineDir = workspace.resolve(definition.validation.quarantine, 'validation.quarantine');
    this.pattern = globToRegExp(definition.source.pattern);
  }

  async list(): Promise<SourceInput[]> {
    await mkdir(this.dropDir, { recursive: true });
    const entries = await readdir(this.dropDir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.startsWith('.') && this.pattern.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => ({ name, location: join(this.dropDir, name) }));
  }

  private async readBytes(input: SourceInput): Promise<Buffer> {
    try {
      return await readFile(input.location);
    } catch (err) {
      throw new DroplineError('SOURCE_UNREADABLE', `${input.location}: cannot read: ${(err as Error).message}`, { file: input.name }, { cause: err });
    }
  }

  async open(input: SourceInput): Promise<RawTable> {
    const bytes = await this.readBytes(input);
    const fingerprint = sha256Hex(bytes);
    return { fingerprint, ...this.reader.read(bytes, this.definition.source.delimiter, input.name) };
  }

  async acknowledge(inputs: SourceInput[]): Promise<void> {
    for (const input of inputs) await moveFile(input.location, this.archiveDir);
  }

  async requeue(entries: { name: string; sha256: string }[]): Promise<string[]> {
    const archived = await this.archivedByHash(entries);
    const moved: string[] = [];
    for (const entry of entries) {
      const from = archived.get(entry.sha256)?.shift();
      if (from === undefined) continue;
      await moveFile(from, this.dropDir, entry.name);
      moved.push(entry.name);
    }
    return moved;
  }

  /** Archived files with a wanted content hash: `archive/<name>` first, else any archived file (names may have changed on a clash). */
  private async archivedByHash(entries: { name: string; sha256: string }[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const add = (hash: string, path: string): void => void found.set(hash, [...(found.get(hash) ?? []), path]);
    const missing = new Set<string>();
    for (const e of entries) {
      const path = join(this.archiveDir, e.name);
      const hash = await readFile(path).then(sha256Hex, () => null);
      if (hash === e.sha256) add(hash, path);
      else missing.add(e.sha256);
    }
    if (missing.size === 0) return found;
    const direct = new Set(entries.map((e) => e.name));
    const names = await readdir(this.archiveDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => !n.startsWith('.') && !direct.has(n)).sort()) {
      const path = join(this.archiveDir, name);
      const hash = sha256Hex(await readFile(path));
      if (missing.has(hash)) add(hash, path);
    }
    return found;
  }

  async quarantine(input: SourceInput, reason: QuarantineReason): Promise<void> {
    await mkdir(this.quarantineDir, { recursive: true });
    const moved = await moveFile(input.location, this.quarantineDir);
    const report = { file: input.name, quarantinedAt: new Date().toISOString(), pipeline: this.definition.name, ...reason };
    await atomicWrite(`${moved}.error.json`, JSON.stringify(report, null, 2) + '\n');
  }
}
