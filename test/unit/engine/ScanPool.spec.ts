import { expect } from 'chai';
import type { Worker } from 'node:worker_threads';
import type { FilePartial } from '../../../src/engine/FilePartial.js';
import { partitionOf } from '../../../src/engine/partitionOf.js';
import { packPartition } from '../../../src/engine/PartitionWinners.js';
import { scanFile, type ScanRequest } from '../../../src/engine/scanFile.js';
import { ScanPool } from '../../../src/engine/ScanPool.js';
import { SchemaValidator } from '../../../src/validation/SchemaValidator.js';
import { isFileRejection } from '../../../src/validation/Validator.js';
import { demoDefinition } from '../../helpers/definitions.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';

const definition = demoDefinition();
const header = ['id', 'description', 'timestamp'];
const mapping = new SchemaValidator(new RecordingLogger()).mapHeader(definition, header, 'f.csv');
if (isFileRejection(mapping)) throw new Error(mapping.message);

/** Input `f`: 300 rows over 120 keys; input 2 and 5 give key k-7 the same date (a tie the later input wins). */
function request(f: number): ScanRequest {
  const lines = [header.join(',')];
  for (let r = 0; r < 300; r++) {
    const key = (r * 7 + f * 13) % 120;
    const day = 1 + ((r * 31 + f * 17) % 28);
    lines.push(`k-${key},from ${f} row ${r},2024-03-${String(day).padStart(2, '0')}`);
  }
  if (f === 2 || f === 5) lines.push(`k-7,tie from ${f},2024-12-31`);
  return { bytes: Buffer.from(lines.join('\n') + '\n'), delimiter: ',', file: `in-${f}.csv`, schema: definition.schema, mapping: mapping as never };
}

/** key -> "row <- input" for each winner of a partial. */
function winnersOf(partial: FilePartial, file = -1): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  for (let w = 0; w < partial.count; w++) {
    const key = Buffer.from(partial.data.subarray(at, at + partial.keyLengths[w]!)).toString();
    at += partial.keyLengths[w]!;
    const row = Buffer.from(partial.data.subarray(at, at + partial.rowLengths[w]!)).toString();
    at += partial.rowLengths[w]!;
    out.set(key, `${row} <- ${partial.files?.[w] ?? file} @${partial.orders[w]}`);
  }
  return out;
}

describe('ScanPool (key partitions on worker threads)', function () {
  this.timeout(30_000);

  it('should hand over disjoint key partitions whose union is the latest row per key of every input, ties to the later input', async () => {
    const partitions: { partition: number; winners: Map<string, string>; hashes: Uint32Array; count: number }[] = [];
    const pool = new ScanPool(2, (partial, partition) => partitions.push({ partition, winners: winnersOf(packPartition(partial)), hashes: partial.hashes, count: partial.count }));
    try {
      const counts = await Promise.all([0, 1, 2, 3, 4, 5].map((f) => pool.scan(request(f), f)));
      expect(counts.map((c) => ('rows' in c ? c.rows : c.fallback))).to.deep.equal([300, 300, 301, 300, 300, 301]);
      await pool.flush();
    } finally {
      await pool.close();
    }
    // The same inputs reduced on this thread, in input order, by the rule: greatest order, then the later input.
    const expected = new Map<string, { text: string; order: number }>();
    for (let f = 0; f < 6; f++) {
      const partial = scanFile(request(f)) as FilePartial;
      for (const [key, text] of winnersOf(partial, f)) {
        const order = Number(text.slice(text.lastIndexOf('@') + 1));
        const kept = expected.get(key);
        if (kept === undefined || order >= kept.order) expected.set(key, { text, order });
      }
    }
    expect(partitions.map((p) => p.partition).sort()).to.deep.equal([0, 1]);
    const union = new Map<string, string>();
    for (const p of partitions) {
      for (let w = 0; w < p.count; w++) expect(partitionOf(p.hashes[w]!, 2)).to.equal(p.partition);
      for (const [key, text] of p.winners) {
        expect(union.has(key), `${key} in two partitions`).to.equal(false);
        union.set(key, text);
      }
    }
    expect(Object.fromEntries(union)).to.deep.equal(Object.fromEntries([...expected].map(([k, v]) => [k, v.text])));
    expect(union.get('k-7')).to.match(/^k-7,tie from 5,2024-12-31 <- 5 /);
  });

  it('should end its workers once they have handed their partitions over, and start new ones for a scan after that', async () => {
    const taken: number[] = [];
    const pool = new ScanPool(2, (partial) => taken.push(partial.count));
    try {
      await Promise.all([0, 1, 2].map((f) => pool.scan(request(f), f)));
      const workers = [...(pool as unknown as { all: Worker[] }).all];
      const exits = workers.map((w) => new Promise<number>((resolve) => w.once('exit', resolve)));
      await pool.flush();
      // Ended by themselves (the pool has not closed): what they held is freed while the partitions are taken over.
      expect(await Promise.all(exits)).to.deep.equal([0, 0]);
      expect(pool.started).to.equal(false);
      expect((pool as unknown as { idle: Worker[] }).idle, 'ended workers still taking scans').to.deep.equal([]);
      expect(taken.reduce((a, b) => a + b)).to.equal(120);
      // Their exits are not deaths: the pool scans and flushes again, with new workers only (more inputs than workers).
      taken.length = 0;
      const counts = await Promise.all([3, 4, 5, 6].map((f) => pool.scan(request(f), f)));
      expect(counts.map((c) => ('rows' in c ? c.rows : c.fallback))).to.deep.equal([300, 300, 301, 300]);
      await pool.flush();
      expect(taken.reduce((a, b) => a + b)).to.equal(120);
    } finally {
      await pool.close();
    }
  });

  it('should fail the flush, not the process, when taking a partition over throws (memory runs out)', async () => {
    const pool = new ScanPool(2, () => {
      throw new RangeError('Array buffer allocation failed');
    });
    try {
      await pool.scan(request(0), 0);
      let failure: unknown = null;
      await pool.flush().catch((err: unknown) => (failure = err));
      expect(failure).to.have.property('code', 'INTERNAL');
      expect(String((failure as Error).message)).to.match(/Array buffer allocation failed/);
    } finally {
      await pool.close();
    }
  });

  it('should fail the flush, not wait forever, when a worker dies holding its partition', async () => {
    const pool = new ScanPool(2, () => undefined);
    try {
      await pool.scan(request(0), 0);
      const workers = (pool as unknown as { all: Worker[] }).all;
      await workers[0]!.terminate();
      let failure: unknown = null;
      await pool.flush().catch((err: unknown) => (failure = err));
      expect(failure).to.have.property('code', 'INTERNAL');
      expect(String((failure as Error).message)).to.match(/worker exited.*--engine reference/);
    } finally {
      await pool.close();
    }
  });
});
