import { lstat } from 'node:fs/promises';
import type { Compression } from '../definition/PipelineDefinition.js';
import { gunzipIfCompressed, isGzip } from '../sources/gunzipIfCompressed.js';
import { listFileNames } from '../util/listFileNames.js';
import { pathIn } from '../util/moveFile.js';
import { sha256 } from '../util/sha256.js';
import type { ArchivedInput } from './planArchive.js';
import { readArchived } from './readArchived.js';
import type { RetentionState } from './RetentionStateFile.js';

/**
 * The files in the archive with the ledger's hash of each (as the directory
 * source computes it: of the CSV inside a gzip file when `compression` is
 * auto; a gzip file retention made has the hash of the input it was). A file
 * with the size and modification time `state.files` has for it is not read
 * again; `state.files` and `state.compressed` are brought up to date (a file whose
 * content changed loses its ingestion time). A gzip file that cannot be decompressed is left out.
 */
export async function surveyArchive(dir: string, state: RetentionState, compression: Compression): Promise<Omit<ArchivedInput, 'ingested'>[]> {
  const found: Omit<ArchivedInput, 'ingested'>[] = [];
  const seen = new Set<string>();
  for (const f of await listFileNames(dir)) {
    const stat = await lstat(pathIn(dir, f.raw));
    seen.add(f.name);
    const known = state.files[f.name];
    if (known && known.bytes === stat.size && known.mtimeMs === stat.mtimeMs) {
      found.push({ name: f.name, sha256: known.sha256, gzip: known.gzip });
      continue;
    }
    const bytes = await readArchived(dir, f.name);
    if (bytes === null) continue;
    const gzip = isGzip(bytes);
    const made = state.compressed[f.name];
    const hash = made && gzip ? made.sha256 : gzip && compression === 'auto' ? await gunzipIfCompressed(bytes, f.name).then(sha256, () => null) : sha256(bytes);
    if (hash === null) continue;
    state.files[f.name] = { sha256: hash, bytes: stat.size, mtimeMs: stat.mtimeMs, gzip, ingested: known?.sha256 === hash ? known.ingested : null };
    found.push({ name: f.name, sha256: hash, gzip });
  }
  // Files gone (deleted before a crash let the record say so, moved back, removed by hand) leave the record too.
  for (const name of Object.keys(state.files)) if (!seen.has(name)) delete state.files[name];
  for (const name of Object.keys(state.compressed)) if (!seen.has(name)) delete state.compressed[name];
  return found;
}
