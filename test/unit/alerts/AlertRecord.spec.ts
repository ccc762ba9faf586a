import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlertRecord, KEPT_EVENTS, pruneLog, type RecordedEvent } from '../../../src/alerts/AlertRecord.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { makeTempDir } from '../../helpers/tmp.js';

const event = (id: string, state: 'sent' | 'failed'): RecordedEvent => ({
  id,
  event: 'sink.failed',
  at: '2026-11-25T00:00:00.000Z',
  deliveries: { t: { state, tries: 1, at: '2026-11-25T00:00:00.000Z' } },
});

describe('AlertRecord', () => {
  let tmp: { dir: string; remove: () => void };
  let path: string;
  let record: AlertRecord;
  beforeEach(() => {
    tmp = makeTempDir();
    path = join(tmp.dir, 'demo', 'alerts.json');
    record = new AlertRecord(path, 'snapshots/demo/alerts.json', 'demo');
  });
  afterEach(() => tmp.remove());

  it('should read no file as no events, and read back what it wrote', async () => {
    expect(await record.read()).to.deep.equal({ events: [] });
    await record.write({ events: [event('a', 'sent')] });
    expect(await record.read()).to.deep.equal({ events: [event('a', 'sent')] });
    expect(JSON.parse(readFileSync(path, 'utf8'))).to.deep.equal({ events: [event('a', 'sent')] });
  });

  it('should refuse a damaged record with STATE_DAMAGED naming the file, never read it as "nothing sent"', async () => {
    await record.write({ events: [] });
    for (const damaged of ['{"events": [', '{"events": [{"id": "a"}]}', '[]']) {
      writeFileSync(path, damaged);
      const err = await record.read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(DroplineError);
      expect((err as DroplineError).code).to.equal('STATE_DAMAGED');
      expect((err as DroplineError).message).to.contain('snapshots/demo/alerts.json');
    }
  });

  it('should keep the newest events, and older ones only while a delivery is owed', () => {
    const events = Array.from({ length: KEPT_EVENTS + 2 }, (_, i) => event(`e${i}`, i === 1 ? 'failed' : 'sent'));
    const kept = pruneLog({ events }).events.map((e) => e.id);
    expect(kept).to.have.length(KEPT_EVENTS + 1);
    expect(kept.slice(0, 2)).to.deep.equal(['e1', 'e2']);
    expect(kept.at(-1)).to.equal(`e${KEPT_EVENTS + 1}`);
  });
});
