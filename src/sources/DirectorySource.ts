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
    const fingerprint = createHash('sha256').update(bytes).digest('hex');
    return { fingerprint, ...this.reader.read(bytes, this.definition.source.delimiter, input.name) };
  }

  async acknowledge(inputs: SourceInput[]): Promise<void> {
    for (const input of inputs) await moveFile(input.location, this.archiveDir);
  }

  async quarantine(input: SourceInput, reason: QuarantineReason): Promise<void> {
    await mkdir(this.quarantineDir, { recursive: true });
    const moved = await moveFile(input.location, this.quarantineDir);
    const report = { file: input.name, quarantinedAt: new Date().toISOString(), pipeline: this.definition.name, ...reason };
    await atomicWrite(`${moved}.error.json`, JSON.stringify(report, null, 2) + '\n');
  }
}
