import { join } from 'node:path';
import { lstatSync } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { DroplineError } from '../errors/DroplineError.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { keepsTrueCtime } from '../util/FileIdentity.js';
import { fileNameBytes, fileNameText } from '../util/fileNameText.js';
import { FolderSyncs } from '../util/FolderSyncs.js';
import { moveFile, pathIn } from '../util/moveFile.js';
import { moveIfUnchanged, type ReadAs } from '../util/moveIfUnchanged.js';
import { readRecorded } from '../util/readRecorded.js';
import { sha256 } from '../util/sha256.js';
import { inject, injectable } from 'inversify';
import { TOKENS } from '../tokens.js';
import { BaseSource, type InputContent } from './BaseSource.js';
import { gunzipIfCompressed } from './gunzipIfCompressed.js';
import { patternRules } from './patternRules.js';
import { reasonFileName } from './reasonFileName.js';
import { requeueArchived } from './requeueArchived.js';
import { scanDrop, type DropRules } from './scanDrop.js';
import { settleInputs } from './settleInputs.js';
import type { IgnoredInput, QuarantineReason, SourceInput, WaitingInput } from './Source.js';
import type { SourceContext } from './SourceContext.js';

/**
 * The built-in `directory` source: the CSV files in `source.path` matching
 * `source.pattern` (and, unless `source.compression: none`, their `.gz`
 * forms), in file-name order (code point order, so dated names sort by date).
 * Folders, links and other names are reported by `ignored()`, never read.
 * Acknowledged files move to `source.archive`, unless they changed after they
 * were read (then they wait for the next run); unusable ones to the
 * quarantine folder with a `<file>.error.json` beside them. With
 * `source.settle`, files modified more recently than that wait too. Names are
 * handled as bytes, so a name that is not UTF-8 (shown as `caf\xe9.csv`) moves
 * like any other.
 */
@injectable()
export class DirectorySource extends BaseSource {
  private readonly dropDir: string;
  private readonly archiveDir: string;
  private readonly quarantineDir: string;
  private readonly rules: DropRules;
  private lastIgnored: IgnoredInput[] = [];
  /** Size and hash of each input as read, checked again before it is archived. */
  private readonly readAs = new Map<string, ReadAs>();
  /** Whether the drop's file system keeps a true ctime (asked at the first read: the drop may not exist before). */
  private trustCtime: boolean | undefined;
  private held: WaitingInput[] = [];
  /** Each listed name's bytes as the filesystem has them. */
  private readonly rawNames = new Map<string, Buffer>();
  /** The drop and archive folders after `acknowledge` moved files out of one into the other. */
  private readonly unsynced = new FolderSyncs();

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
    for (const [name, raw] of scan.raw) this.rawNames.set(name, raw);
    // Its mtime is recorded as the input's arrival (dropline status), its size lets the engine start workers early;
    // a file gone since the listing has neither.
    // Asked synchronously: microseconds each, less than a thread hand-off.
    const inputs: SourceInput[] = scan.names.map((name) => {
      const stat = statOf(pathIn(this.dropDir, scan.raw.get(name)!));
      return { name, location: join(this.dropDir, name), ...(stat ? { modifiedAt: stat.mtime, size: stat.size } : {}) };
    });
    const { settleMs, settle } = this.context.definition.source;
    if (settleMs === undefined) return inputs;
    const { ready, waiting } = await settleInputs(inputs, { ms: settleMs, text: settle ?? '' }, this.context.clock, (i) => this.pathOf(i));
    this.held = waiting;
    return ready;
  }

  ignored(): IgnoredInput[] {
    return this.lastIgnored;
  }

  override waiting(): WaitingInput[] {
    return this.held;
  }

  protected async read(input: SourceInput): Promise<InputContent> {
    const bytes = await this.readBytes(input);
    return { kind: 'csv', bytes, sha256: this.readAs.get(input.name)?.sha256 };
  }

  /** An input's bytes, read by its name as bytes; what was read is remembered, so it is archived only if unchanged. */
  protected async readBytes(input: SourceInput): Promise<Buffer> {
    try {
      this.trustCtime ??= keepsTrueCtime(this.dropDir);
      const { bytes, readAs } = await readRecorded(this.pathOf(input), this.trustCtime);
      this.readAs.set(input.name, readAs);
      return bytes;
    } catch (err) {
      throw new DroplineError('SOURCE_UNREADABLE', `cannot read ${input.location}: ${(err as Error).message}`, { file: input.name }, { cause: err });
    }
  }

  /** Moves the inputs into the archive; the folders are fsynced by `finishAcknowledging()`. */
  override async acknowledge(inputs: SourceInput[]): Promise<WaitingInput[]> {
    const declined: WaitingInput[] = [];
    for (const input of inputs) {
      const result = await this.moveIfUnchanged(input, this.archiveDir, this.unsynced);
      if ('changed' in result) declined.push(result.changed);
    }
    return declined;
  }

  finishAcknowledging(): Promise<void> {
    this.unsynced.flush();
    return Promise.resolve();
  }

  async requeue(entries: { name: string; sha256: string }[], options: { everything?: boolean; keep?: ReadonlySet<string> } = {}): Promise<string[]> {
    const log = this.context.logger;
    const say = { warn: (message: string, file: string): void => log.warn(message, { file }), info: (message: string, file: string): void => log.info(message, { file }) };
    const fingerprint = (bytes: Buffer, name: string): Promise<string | null> => this.fingerprintOf(bytes, name);
    return requeueArchived(this.archiveDir, this.dropDir, entries, say, {
      label: this.context.workspace.display(this.archiveDir),
      everything: options.everything ?? false,
      ...(options.keep ? { keep: options.keep } : {}),
      fingerprint,
    });
  }

  /** The ledger's hash of an archived file, as `open` computes it (of the CSV inside, when gzipped); null when it cannot be decompressed. */
  private async fingerprintOf(bytes: Buffer, name: string): Promise<string | null> {
    if (!this.readsGzip()) return sha256(bytes);
    return gunzipIfCompressed(bytes, name).then(sha256, () => null);
  }

  /** A file that changed after it was read is not set aside: it may be still being written, so it waits for the next run. */
  override async quarantine(input: SourceInput, reason: QuarantineReason): Promise<WaitingInput[]> {
    const result = await this.moveIfUnchanged(input, this.quarantineDir);
    if ('changed' in result) return [result.changed];
    const report = { file: input.name, quarantinedAt: this.context.clock.now().toISOString(), pipeline: this.context.definition.name, ...reason };
    await atomicWrite(join(this.quarantineDir, reasonFileName(fileNameText(result.moved))), JSON.stringify(report, null, 2) + '\n');
    return [];
  }

  /** Moves an input into `dir` if it is still what was read (see moveIfUnchanged); else says why it stays. */
  private async moveIfUnchanged(input: SourceInput, dir: string, later?: FolderSyncs): Promise<{ moved: Buffer } | { changed: WaitingInput }> {
    const readAs = this.readAs.get(input.name);
    const name = this.nameOf(input);
    const result = await this.move(input, dir, async () =>
      readAs ? moveIfUnchanged(this.dropDir, name, dir, readAs, later) : { moved: await moveFile(this.pathOf(input), dir, name, later) },
    );
    if ('moved' in result) return result;
    this.context.logger.warn(`${input.name} ${result.changed}; it stays in the drop and the next run reads it again`, { file: input.name });
    return { changed: { file: input.name, reason: `${result.changed}; left in the drop for the next run` } };
  }

  /** The input's name as the filesystem has it (bytes). */
  private nameOf(input: SourceInput): Buffer {
    return this.rawNames.get(input.name) ?? fileNameBytes(input.name);
  }

  private pathOf(input: SourceInput): Buffer {
    return pathIn(this.dropDir, this.nameOf(input));
  }

  /** Runs a move of `input` into `dir`; one that fails says so with MOVE_FAILED: the file stays in the drop. */
  private async move<T>(input: SourceInput, dir: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      const display = (path: string): string => this.context.workspace.display(path);
      const from = display(join(this.dropDir, input.name));
      const gone = await lstat(this.pathOf(input)).then(
        () => false,
        () => true,
      );
      const message = gone
        ? `cannot move ${from} into ${display(dir)}: it was removed from the drop after the run read it; nothing is left to move`
        : `cannot move ${from} into ${display(dir)} (${(err as Error).message}); it stays in ${display(this.dropDir)} and each run tries again: fix the cause, or move the file by hand`;
      throw new DroplineError('MOVE_FAILED', message, { file: input.name }, { cause: err });
    }
  }
}

/** A file's modification time and size, or undefined when they cannot be asked (gone since the listing). */
function statOf(path: Buffer): { mtime: Date; size: number } | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
