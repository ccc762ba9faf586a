// A fast, deterministic writer of seed-shaped drops (id uuid-like, description, date), for the cases whose
// size `dropline generate` cannot reach quickly: it keeps its id pool in memory and took 3.5 s for 200k rows
// over 200k ids (so minutes and gigabytes for 20M ids), while this writes a million rows in about 3 s
// (busy 2-core machine) and holds no pool at all.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const VERBS = ['enhance', 'leverage', 'deliver', 'empower', 'synergize', 'streamline', 'orchestrate', 'reinvent', 'monetize', 'scale'];
const ADJECTIVES = ['plug-and-play', 'value-added', 'mission-critical', 'cross-platform', 'scalable', 'holistic', 'robust', 'B2B', 'visionary', 'real-time'];
const NOUNS = ['supply-chains', 'networks', 'metrics', 'paradigms', 'e-markets', 'channels', 'deliverables', 'platforms', 'synergies', 'mindshare'];
const DAY = 86_400_000;

/** 32 bits of a hash of (seed, index, lane): the same inputs give the same bits on every machine. */
function mix(seed: number, index: number, lane: number): number {
  let h = Math.imul(index ^ Math.imul(seed, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(lane + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (n: number): string => BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;

/** The id of index `i`: uuid-shaped, spread like random ids, distinct for distinct indexes (the last 8 hex digits are the index). */
/** Ids come from one pool whatever a drop's seed (the seed varies the other values): drops share their ids. */
const ID_SEED = 42;

export function benchId(seed: number, i: number): string {
  const h = hex(mix(seed, i, 0)) + hex(mix(seed, i, 1)) + hex(mix(seed, i, 2)) + hex(i);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface FastDropOptions {
  /** Rows to write; row r is about id `ids[r]`, or id r when `ids` is absent (one row per id). */
  rows: number;
  ids?: (row: number) => number;
  files: number;
  seed: number;
  /** First and last day (UTC, `YYYY-MM-DD`) timestamps are drawn from. */
  start: string;
  end: string;
  /** File names: `<prefix>_<n>.csv`, n from 000, so they sort in writing order. */
  prefix?: string;
}

/** Writes the drop into `dir` as CSV files of about equal size; returns their paths. */
export function writeFastDrop(dir: string, options: FastDropOptions): string[] {
  mkdirSync(dir, { recursive: true });
  const { rows, files, seed } = options;
  const start = Date.parse(`${options.start}T00:00:00Z`);
  const days = Math.max(1, Math.round((Date.parse(`${options.end}T00:00:00Z`) - start) / DAY) + 1);
  const dates = Array.from({ length: days }, (_, d) => new Date(start + d * DAY).toISOString().slice(0, 10));
  const phrases = Array.from({ length: 1000 }, (_, p) => `${VERBS[p % 10]} ${ADJECTIVES[Math.floor(p / 10) % 10]} ${NOUNS[Math.floor(p / 100)]}`);
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = join(dir, `${options.prefix ?? 'data'}_${String(f).padStart(3, '0')}.csv`);
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, 'id,description,timestamp\n');
      const from = Math.floor((rows * f) / files);
      const to = Math.floor((rows * (f + 1)) / files);
      for (let block = from; block < to; block += 65_536) {
        let text = '';
        for (let r = block; r < Math.min(to, block + 65_536); r++) {
          const id = options.ids ? options.ids(r) : r;
          const h = mix(seed, r, 3);
          text += `${benchId(ID_SEED, id)},${phrases[h % 1000]},${dates[(h >>> 10) % days]}\n`;
        }
        writeSync(fd, text);
      }
    } finally {
      closeSync(fd);
    }
    paths.push(path);
  }
  return paths;
}
