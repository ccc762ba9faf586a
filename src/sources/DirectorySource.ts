import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DroplineError } from '../errors/DroplineError.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { sha256 } from '../util/sha256.js';
import { moveFile } from '../util/moveFile.js';
import { readFileNoFollow } from '../util/readFileNoFollow.js';
import { inject, injectable } from 'inversify';
import { TOKENS } from '../tokens.js';
import { BaseSource, type InputContent } from './BaseSource.js';
import { patternRules } from './patternRules.js';
import { scanDrop, type DropRules } from './scanDrop.js';
import type { IgnoredInput, QuarantineReason, SourceInput } from './Source.js';
import type { SourceContext } from './SourceContext.js';

/**
 * The built-in `directory` source: the CSV files in `source.path` matching
 * `source.pattern` (and, unless `source.compression: none`, their `.gz`
 * forms), in file-name order (code point order, so dated names sort by date).
 * Folders, links and other names are reported by `ignored()`, never read.
 * Acknowledged files move to `source.archive`; unusable ones to the
 * quarantine folder with a `<file>.error.json` beside them.
 */
@injectable()
export class DirectorySource extends BaseSource {
  private readonly dropDir: string;
  private readonly archiveDir: string;
  private readonly quarantineDir: string;
  private readonly rules: DropRules;
  private lastIgnored: IgnoredInput[] = [];

  constructor(@inject(TOKENS.SourceContext) context: SourceContext) {
    super(context);
    const { definition, workspace } = context;
    this.dropDir = workspace.resolve(definition.source.path, 'source.path');
    this.archiveDir = workspace.resolve(definition.source.archive, 'source.archive');
    this.quarantineDir = workspace.resolve(definition.validation.quarantine, 'validation.quarantine');
    this.rules = { ...patternRules(definition.source, this.readsGzip(), workspace.root), own: new Set([this.archiveDir, this.quarantineDir]) };
  }

  /** Whether `<name>.gz` files are offered beside the names the pattern matches. */
  protected readsGzip(): boolean {
    return this.context.definition.source.compression === 'auto';
  }

  protected async listInputs(): Promise<SourceInput[]> {
    await mkdir(this.dropDir, { recursive: true });
    const scan = await scanDrop(this.dropDir, this.rules);
    this.lastIgnored = scan.ignored;
    for (const i of scan.ignored) this.context.logger.debug(`not read: ${i.file}: ${i.reason}`);
    return scan.names.map((name) => ({ name, location: join(this.dropDir, name) }));
  }

  ignored(): IgnoredInput[] {
    return this.lastIgnored;
  }

  protected async read(input: SourceInput): Promise<InputContent> {
    try {
      return { kind: 'csv', bytes: await readFileNoFollow(input.location) };
    } catch (err) {
      throw new DroplineError('SOURCE_UNREADABLE', `cannot read ${input.location}: ${(err as Error).message}`, { file: input.name }, { cause: err });
    }
  }

  override async acknowledge(inputs: SourceInput[]): Promise<void> {
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
      const hash = await readFile(path).then(sha256, () => null);
      if (hash === e.sha256) add(hash, path);
      else missing.add(e.sha256);
    }
    if (missing.size === 0) return found;
    const direct = new Set(entries.map((e) => e.name));
    const names = await readdir(this.archiveDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => !n.startsWith('.') && !direct.has(n)).sort()) {
      const path = join(this.archiveDir, name);
      const hash = sha256(await readFile(path));
      if (missing.has(hash)) add(hash, path);
    }
    return found;
  }

  override async quarantine(input: SourceInput, reason: QuarantineReason): Promise<void> {
    await mkdir(this.quarantineDir, { recursive: true });
    const moved = await moveFile(input.location, this.quarantineDir);
    const report = { file: input.name, quarantinedAt: this.context.clock.now().toISOString(), pipeline: this.context.definition.name, ...reason };
    await atomicWrite(`${moved}.error.json`, JSON.stringify(report, null, 2) + '\n');
  }
}
