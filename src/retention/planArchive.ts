/** An archived input as retention sees it. */
export interface ArchivedInput {
  /** Its name in the archive, as shown. */
  name: string;
  /** The ledger's hash of its content (of the CSV inside, when gzipped). */
  sha256: string;
  gzip: boolean;
  /** When the snapshot that ingested it was made (ISO 8601); null: no snapshot names it, so it is left as it is. */
  ingested: string | null;
}

/** A pinned snapshot and the hashes of the inputs its ledger holds. */
export interface PinnedLedger {
  id: string;
  ledger: ReadonlySet<string>;
}

export interface ArchivePlan {
  compress: ArchivedInput[];
  delete: ArchivedInput[];
  /** The base after the plan: the pinned snapshot that holds every deleted input (null while none was deleted). */
  base: string | null;
}

export interface ArchiveRules {
  compressMs?: number;
  deleteMs?: number;
  /** Hashes of the inputs deleted before. */
  deleted: ReadonlySet<string>;
  /** The base they were deleted under, or null. */
  base: string | null;
}

/**
 * What `source.retain` does to the archive now. An input is old when its
 * snapshot was made `compressMs` (`deleteMs`) ago or longer. Old inputs are
 * deleted only when a pinned snapshot's ledger holds them, and holds every
 * input deleted before: the newest such pin decides what may go, and the base
 * becomes the oldest pin (never older than the base before) that holds all of
 * them, so clean rebuilds from as early as it can. An input recorded as
 * deleted that is still there (a crash came between) goes whatever its age.
 * Inputs no snapshot names are left as they are. Old plain inputs not deleted
 * are compressed.
 */
export function planArchive(inputs: ArchivedInput[], pinned: PinnedLedger[], rules: ArchiveRules, now: Date): ArchivePlan {
  const older = (input: ArchivedInput, ms: number | undefined): boolean => ms !== undefined && input.ingested !== null && now.getTime() - Date.parse(input.ingested) >= ms;
  const holdsDeleted = (p: PinnedLedger): boolean => [...rules.deleted].every((h) => p.ledger.has(h));
  const candidates = [...pinned].sort((a, b) => (a.id < b.id ? -1 : 1)).filter(holdsDeleted);
  const newest = candidates.at(-1);
  let base = rules.base;
  let doomed: ArchivedInput[] = [];
  if (newest && rules.deleteMs !== undefined) {
    doomed = inputs.filter((i) => newest.ledger.has(i.sha256) && (rules.deleted.has(i.sha256) || older(i, rules.deleteMs)));
    if (doomed.length > 0) {
      const holdsAll = (p: PinnedLedger): boolean => (base === null || p.id >= base) && doomed.every((i) => p.ledger.has(i.sha256));
      base = (candidates.find(holdsAll) ?? newest).id;
    }
  }
  const going = new Set(doomed);
  const compress = inputs.filter((i) => !going.has(i) && !i.gzip && older(i, rules.compressMs));
  return { compress, delete: doomed, base };
}
