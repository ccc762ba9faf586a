import { readFile } from 'node:fs/promises';
import { fileNameBytes } from '../util/fileNameText.js';
import { listFileNames, type ListedFile } from '../util/listFileNames.js';
import { moveFile, pathIn } from '../util/moveFile.js';
import { sha256 } from '../util/sha256.js';

export interface RequeueEntry {
  name: string;
  sha256: string;
}

/**
 * Moves archived files back into the drop for the ledger entries given. Each
 * entry is found by content (its hash as the ledger has it: `fingerprint`, by
 * default the SHA-256 of the file's bytes): `archive/<name>` if its hash matches, else any
 * archived file with that hash (a clash gave it another name). A file that is
 * there by name but whose bytes changed since it was archived still moves back
 * (its current content is what the user has) and is named in a warning, as is
 * an entry found nowhere. An entry already back in the drop is passed over.
 * With `everything` (clean), archived files no entry names (ingested by
 * snapshots since pruned) move back too, so the archive ends empty, but
 * for those whose hash is in `keep` (the inputs a base snapshot holds).
 * Returns the names moved.
 */
export async function requeueArchived(
  archiveDir: string,
  dropDir: string,
  entries: RequeueEntry[],
  say: { warn: (message: string, file: string) => void; info?: (message: string, file: string) => void },
  options: { label?: string; everything?: boolean; keep?: ReadonlySet<string>; fingerprint?: (bytes: Buffer, name: string) => Promise<string | null> } = {},
): Promise<string[]> {
  const { warn } = say;
  const archiveLabel = options.label ?? archiveDir;
  const fingerprint = options.fingerprint ?? (async (bytes: Buffer): Promise<string | null> => sha256(bytes));
  const archived = await listFileNames(archiveDir);
  const hashes = new Map<ListedFile, string | null>();
  const hashOf = async (f: ListedFile): Promise<string | null> => {
    if (!hashes.has(f)) hashes.set(f, await fingerprint(await readFile(pathIn(archiveDir, f.raw)), f.name));
    return hashes.get(f)!;
  };
  const claimed = new Map<RequeueEntry, ListedFile>();
  const free = (f: ListedFile): boolean => ![...claimed.values()].includes(f);
  for (const e of entries) {
    const byName = archived.find((f) => f.name === e.name && free(f));
    if (byName && (await hashOf(byName)) === e.sha256) claimed.set(e, byName);
  }
  for (const e of entries.filter((x) => !claimed.has(x))) {
    for (const f of archived.filter(free)) {
      if ((await hashOf(f)) !== e.sha256) continue;
      claimed.set(e, f);
      break;
    }
  }
  const changed = new Set<RequeueEntry>();
  for (const e of entries.filter((x) => !claimed.has(x))) {
    const byName = archived.find((f) => f.name === e.name && free(f));
    if (byName) {
      claimed.set(e, byName);
      changed.add(e);
    }
  }
  const inDrop = new Set((await listFileNames(dropDir)).map((f) => f.name));
  const moved: string[] = [];
  for (const e of entries) {
    const file = claimed.get(e);
    if (file === undefined) {
      if (!inDrop.has(e.name) && !moved.includes(e.name)) {
        warn(`${e.name} (sha256 ${e.sha256.slice(0, 12)}) is not in the archive ${archiveLabel}; its rows cannot be rebuilt from it`, e.name);
      }
      continue;
    }
    if (changed.has(e)) warn(`${e.name} changed since it was archived (its content is not what was ingested); moved back into the drop as it is now`, e.name);
    await moveFile(pathIn(archiveDir, file.raw), dropDir, file.name === e.name ? file.raw : fileNameBytes(e.name));
    moved.push(e.name);
  }
  if (options.everything) {
    for (const file of archived.filter(free)) {
      const hash = options.keep ? await hashOf(file) : null;
      if (hash !== null && options.keep?.has(hash)) continue;
      await moveFile(pathIn(archiveDir, file.raw), dropDir, file.raw);
      say.info?.(`${file.name} is named by no remaining snapshot (one since pruned ingested it); moved back into the drop with the rest`, file.name);
      moved.push(file.name);
    }
  }
  return moved;
}
