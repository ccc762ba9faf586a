import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { BaseSource, type InputContent, type OptionsSchema, type SourceInput } from 'dropline-cli';

/**
 * Reads JSON-lines files (`*.jsonl`, one JSON object per line) from a folder.
 * dropline validates, merges and snapshots the records like CSV rows; once the
 * snapshot is committed, `acknowledge` moves the files to the archive folder.
 */
export default class JsonLinesSource extends BaseSource {
  /** The options a definition may give under source.options (checked before the source is built). */
  static override options: OptionsSchema = {
    folder: { type: 'string', required: true, description: 'the folder clients drop .jsonl files into' },
    archive: { type: 'string', default: 'input/events-processed', description: 'where handled files move' },
  };

  private path(option: 'folder' | 'archive'): string {
    return this.context.workspace.resolve(String(this.context.options[option]), `source.options.${option}`);
  }

  /** What is waiting, in the order to apply it: file-name order. */
  protected async listInputs(): Promise<SourceInput[]> {
    const folder = this.path('folder');
    await mkdir(folder, { recursive: true });
    const names = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
    return names.map((name) => ({ name, location: join(folder, name) }));
  }

  /** One input's records, with the line each came from (for rejects). A line that is not JSON makes the file unreadable: it is quarantined. */
  protected async read(input: SourceInput): Promise<InputContent> {
    const records: Record<string, unknown>[] = [];
    const lines: number[] = [];
    const text = await readFile(input.location, 'utf8');
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      records.push(JSON.parse(line) as Record<string, unknown>);
      lines.push(index + 1);
    });
    return { kind: 'records', records, lines };
  }

  /** Called only after the snapshot that ingested these inputs is committed. */
  override async acknowledge(inputs: SourceInput[]): Promise<void> {
    const archive = this.path('archive');
    await mkdir(archive, { recursive: true });
    for (const input of inputs) await rename(input.location, join(archive, input.name));
    this.context.logger.info(`archived ${inputs.length} file(s)`);
  }
}
