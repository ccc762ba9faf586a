import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GzipObject } from '../../../src/snapshots/GzipObject.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(GzipObject.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('should write many blocks, more than are compressed at once, as members in the order given', async () => {
    // Blocks of very different sizes, so later small ones finish compressing before earlier large ones.
    const blocks = Array.from({ length: 13 }, (_, i) => Buffer.from(`block ${i}\n`.repeat(i % 3 === 0 ? 200_000 : 3)));
    const gz = await GzipObject.create(join(tmp.dir, 'objects'));
    for (const block of blocks) await gz.write(block);
    const sha256 = await gz.finish();
    const name = await gz.place(sha256, '.csv.gz');
    const whole = Buffer.concat(blocks);
    expect(sha256).to.equal(createHash('sha256').update(whole).digest('hex'));
    expect(gunzipSync(readFileSync(join(tmp.dir, 'objects', name))).equals(whole)).to.equal(true);
    expect(readdirSync(join(tmp.dir, 'objects'))).to.deep.equal([name]);
  });
});
