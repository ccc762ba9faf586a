import { gzipSync } from 'node:zlib';
import { randomCsv } from './randomCsv.js';
import { randomDefinition, type GenDefinition } from './randomDefinition.js';
import { Rng } from './Rng.js';
import { ValuePools } from './ValuePools.js';

/** One run of a case: the files dropped before it (name, bytes), and what else happens. */
export interface DiffRun {
  files: [string, Buffer][];
  /** Run with `force` (ingest files whose content was ingested before). */
  force: boolean;
  /** Before the run, latest.csv is edited or deleted (the run must restore it from the snapshot). */
  tamper: 'edit' | 'delete' | null;
}

/** One generated case: a definition and the drops of several runs in sequence on one workspace. */
export interface DiffCase {
  seed: number;
  definition: GenDefinition;
  runs: DiffRun[];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOM = Buffer.from([0xff, 0xfe]);

/** The file's bytes in the declared encoding (auto: any of those it reads), sometimes with a BOM, sometimes not in that encoding at all. */
function encode(rng: Rng, text: string, encoding: string): Buffer {
  const utf8 = (bom: boolean): Buffer => Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  const utf16 = (bom: boolean): Buffer => Buffer.concat([bom ? UTF16_BOM : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
  if (rng.chance(0.02)) return rng.chance(0.5) ? Buffer.from(text, 'latin1') : utf8(false);
  switch (encoding) {
    case 'utf-8':
      return utf8(rng.chance(0.2));
    case 'utf-16le':
      return utf16(rng.chance(0.7));
    case 'auto':
      return rng.pick([() => utf8(false), () => utf8(true), () => Buffer.from(text, 'latin1'), () => utf16(true)])();
    default:
      return Buffer.from(text, 'latin1');
  }
}

/** A name in the drop; names repeat across runs (the archive then adds `_2`) and sort before earlier runs' names. */
function fileName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const stem = `data_${String(rng.int(0, 30)).padStart(2, '0')}`;
    const name = rng.chance(0.08) ? `${stem.toUpperCase()}.CSV` : `${stem}.csv`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** Whether the case's last run has a file over 4 MB (one case in 100): compareEngines sends it to a worker. */
export function hasBigFile(seed: number): boolean {
  return seed % 100 === 50;
}

/** The case for `seed`: the same seed always gives the same definition and bytes. */
export function randomCase(seed: number): DiffCase {
  const rng = new Rng(seed);
  const definition = randomDefinition(rng);
  const pools = new ValuePools(rng, definition.encoding === 'utf-8' || definition.encoding === 'utf-16le', definition.delimiter);
  const sent: Buffer[] = [];
  const runs: DiffRun[] = [];
  const runCount = rng.int(1, 4);
  for (let r = 0; r < runCount; r++) {
    const taken = new Set<string>();
    const files: [string, Buffer][] = [];
    const bigFile = hasBigFile(seed) && r === runCount - 1;
    const fileCount = rng.chance(0.12) && !bigFile ? 0 : rng.int(1, 3);
    for (let f = 0; f < fileCount; f++) {
      const minChars = bigFile && f === 0 ? 4_500_000 : 0;
      let bytes = sent.length && !minChars && rng.chance(0.05) ? rng.pick(sent) : encode(rng, randomCsv(rng, definition, pools, minChars), definition.encoding);
      let name = fileName(rng, taken);
      if (!minChars && rng.chance(0.04)) {
        bytes = gzipSync(bytes);
        name += '.gz';
      }
      sent.push(bytes);
      files.push([name, bytes]);
    }
    if (rng.chance(0.03)) files.push(['notes.txt', Buffer.from('not a drop file\n')]);
    const tamper = r > 0 && rng.chance(0.06) ? rng.pick(['edit', 'delete'] as const) : null;
    runs.push({ files, force: rng.chance(0.05), tamper });
  }
  return { seed, definition, runs };
}
