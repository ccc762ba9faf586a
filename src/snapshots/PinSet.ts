import { atomicWrite } from '../util/atomicWrite.js';
import { parsePins } from './parsePins.js';
import { readStateJson, type StateFile } from './readStateJson.js';
import { isSnapshotId } from './snapshotId.js';

/** The snapshots a pipeline keeps whatever retention says (`pins.json`, a sorted JSON list of ids). */
export class PinSet {
  constructor(private readonly file: StateFile) {}

  /** The pinned ids; no pins.json means none. A pins.json that cannot be read is never taken for "none": prune would delete pinned snapshots. */
  async read(): Promise<Set<string>> {
    return (await readStateJson(this.file, (value) => parsePins(value, isSnapshotId))) ?? new Set();
  }

  async set(id: string, pinned: boolean): Promise<void> {
    const pins = await this.read();
    if (pinned) pins.add(id);
    else pins.delete(id);
    await this.write(pins);
  }

  /** Forgets removed snapshots (writes only when one of them was pinned). */
  async forget(ids: string[]): Promise<void> {
    const pins = await this.read();
    if (!ids.some((id) => pins.has(id))) return;
    for (const id of ids) pins.delete(id);
    await this.write(pins);
  }

  private write(pins: Set<string>): Promise<void> {
    return atomicWrite(this.file.path, JSON.stringify([...pins].sort()) + '\n');
  }
}
