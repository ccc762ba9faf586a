import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatestIndexFile } from '../../../src/snapshots/LatestIndexFile.js';
import { OBJECT_BLOCK } from '../../../src/snapshots/BrotliObject.js';
import { stageContent } from '../../../src/snapshots/stageContent.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';
import { readObject } from '../../helpers/readObject.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('streaming a new latest.csv into the store', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  function* chunks(): Iterable<Uint8Array> {
    yield Buffer.from('id,name\n');
    for (let i = 0; i < 3000; i++) yield Buffer.from(`${i},"name ${i}, with a comma"\n`);
  }
  const whole = (): Buffer => Buffer.concat([...chunks()]);

  it('should hash, compress and stage the bytes, and put latest.csv in place only on commit', async () => {
    const latest = join(tmp.dir, 'latest.csv');
    const staged = await stageContent(chunks(), latest, join(tmp.dir, 'store'));
    const sha = createHash('sha256').update(whole()).digest('hex');
    expect(staged.sha256).to.equal(sha);
    expect(staged.bytes).to.equal(whole().length);
    expect(staged.object!).to.equal(`objects/${sha}.csv.br`);
    expect((await readObject(join(tmp.dir, 'store', staged.object!))).equals(whole())).to.equal(true);
    expect(existsSync(latest)).to.equal(false);
    await staged.commit();
    expect(readFileSync(latest).equals(whole())).to.equal(true);
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
    expect(readdirSync(join(tmp.dir, 'store', 'objects'))).to.deep.equal([`${sha}.csv.br`]);
  });

  it('should write a table of many blocks as one object that decompresses to the whole, in order', async () => {
    const line = (i: number): Buffer => Buffer.from(`${String(i).padStart(9, '0')},${'x'.repeat(90)}\n`);
    function* big(): Iterable<Uint8Array> {
      for (let i = 0; i < 250_000; i++) yield line(i);
    }
    const staged = await stageContent(big(), join(tmp.dir, 'latest.csv'), join(tmp.dir, 'store'));
    const whole = Buffer.concat([...big()]);
    expect(whole.length).to.be.greaterThan(3 * OBJECT_BLOCK);
    expect((await readObject(join(tmp.dir, 'store', staged.object!))).equals(whole)).to.equal(true);
    expect(staged.sha256).to.equal(createHash('sha256').update(whole).digest('hex'));
  });

  it('should hand a chunk back only once it has its bytes, and keep one the object holds', async () => {
    const given = (): Buffer[] => [Buffer.alloc(OBJECT_BLOCK, 0x62), Buffer.from('a,1\n'), Buffer.from('b,2\n')];
    const whole = Buffer.concat(given());
    const latest = join(tmp.dir, 'latest.csv');
    // A chunk handed back is filled again at once: what was written, hashed and compressed must not change with it.
    const back: Uint8Array[] = [];
    const reuse = (chunk: Uint8Array): void => {
      back.push(chunk);
      chunk.fill(0x7a);
    };
    const chunks = given();
    const plain = await stageContent(chunks, latest, null, reuse);
    expect(back).to.deep.equal(chunks);
    expect(readFileSync(plain.tempPath).equals(whole)).to.equal(true);
    expect(plain.sha256).to.equal(createHash('sha256').update(whole).digest('hex'));
    await plain.abort();
    back.length = 0;
    const zippedChunks = given();
    const zipped = await stageContent(zippedChunks, latest, join(tmp.dir, 'store'), reuse);
    // The first chunk fills a block alone and stays with the object; the others were copied into one block.
    expect(back).to.deep.equal([zippedChunks[1], zippedChunks[2]]);
    expect((await readObject(join(tmp.dir, 'store', zipped.object!))).equals(whole)).to.equal(true);
    expect(readFileSync(zipped.tempPath).equals(whole)).to.equal(true);
    await zipped.abort();
  });

  it('should keep an object it already has, and leave no temp file behind on abort', async () => {
    const latest = join(tmp.dir, 'latest.csv');
    const first = await stageContent(chunks(), latest, join(tmp.dir, 'store'));
    const object = join(tmp.dir, 'store', first.object!);
    const before = readFileSync(object);
    const second = await stageContent(chunks(), latest, join(tmp.dir, 'store'));
    await second.abort();
    await first.abort();
    expect(readFileSync(object).equals(before)).to.equal(true);
    expect(readdirSync(tmp.dir).filter((n) => n !== 'store')).to.deep.equal([]);
    expect(readdirSync(join(tmp.dir, 'store', 'objects'))).to.have.length(1);
  });

  it('should fail with the folder named when latest.csv cannot be written, leaving no object temp', async () => {
    writeFileSync(join(tmp.dir, 'file'), '');
    const error = await stageContent(chunks(), join(tmp.dir, 'file', 'latest.csv'), join(tmp.dir, 'store')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include(join(tmp.dir, 'file'));
  });
});

describe(LatestIndexFile.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);

  it('should give the index back only for the latest.csv it was written with', async () => {
    const file = new LatestIndexFile(join(tmp.dir, 'latest.index'), new RecordingLogger(), 'demo');
    expect(await file.read(A)).to.equal(null);
    await (await file.stage(A, [Buffer.from([1, 2]), Buffer.from([3])]))!.commit();
    expect(Buffer.from((await file.read(A))!)).to.deep.equal(Buffer.from([1, 2, 3]));
    expect(await file.read(B)).to.equal(null);
  });

  it('should keep the index in place until a staged one is committed, and leave nothing when one is aborted', async () => {
    const file = new LatestIndexFile(join(tmp.dir, 'latest.index'), new RecordingLogger(), 'demo');
    await (await file.stage(A, [Buffer.from([1])]))!.commit();
    const staged = (await file.stage(B, [Buffer.from([2])]))!;
    expect(Buffer.from((await file.read(A))!)).to.deep.equal(Buffer.from([1]));
    expect(await file.read(B)).to.equal(null);
    await staged.commit();
    expect(Buffer.from((await file.read(B))!)).to.deep.equal(Buffer.from([2]));
    await (await file.stage(A, [Buffer.from([3])]))!.abort();
    expect(readdirSync(tmp.dir)).to.deep.equal(['latest.index']);
    expect(await file.read(A)).to.equal(null);
  });

  it('should warn, not fail, when it cannot be written', async () => {
    const logger = new RecordingLogger();
    writeFileSync(join(tmp.dir, 'file'), '');
    expect(await new LatestIndexFile(join(tmp.dir, 'file', 'latest.index'), logger, 'demo').stage(A, [Buffer.from([1])])).to.equal(null);
    expect(logger.warnings()[0]).to.match(/could not write .*latest\.index.*reads latest\.csv instead/);
  });
});
