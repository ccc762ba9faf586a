import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WinstonLogger } from '../../../src/logging/WinstonLogger.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(WinstonLogger.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  describe('.addFile()', () => {
    it('should write every line, debug included, as JSON with its meta and a timestamp, by the time close() returns', async () => {
      const file = join(tmp.dir, 'logs', 'demo.log');
      const console: string[] = [];
      const logger = WinstonLogger.create({ level: 'warn', console: true, write: (line) => console.push(line) });
      logger.addFile(file);
      const log = logger.child({ pipeline: 'demo', runId: 'r1' }).child({ stage: 'validate' });
      for (let i = 0; i < 3; i++) log.info(`read ${i}`, { file: `f${i}.csv` });
      log.debug('details');
      log.warn('careful');
      await logger.close();
      const lines = readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map(({ timestamp, ...rest }) => (expect(timestamp).to.match(/^\d{4}-\d\d-\d\dT/), rest))).to.deep.equal([
        { level: 'info', message: 'read 0', file: 'f0.csv', pipeline: 'demo', runId: 'r1', stage: 'validate' },
        { level: 'info', message: 'read 1', file: 'f1.csv', pipeline: 'demo', runId: 'r1', stage: 'validate' },
        { level: 'info', message: 'read 2', file: 'f2.csv', pipeline: 'demo', runId: 'r1', stage: 'validate' },
        { level: 'debug', message: 'details', pipeline: 'demo', runId: 'r1', stage: 'validate' },
        { level: 'warn', message: 'careful', pipeline: 'demo', runId: 'r1', stage: 'validate' },
      ]);
      expect(console).to.deep.equal(['warn: [validate] careful\n']);
    });

    it('should append to a file that is there, and add a file once however often it is named', async () => {
      const file = join(tmp.dir, 'demo.log');
      for (const message of ['first', 'second']) {
        const logger = WinstonLogger.create({ level: 'error', console: false });
        logger.addFile(file);
        logger.addFile(file);
        logger.info(message);
        await logger.close();
      }
      expect(
        readFileSync(file, 'utf8')
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { message: string }).message),
      ).to.deep.equal(['first', 'second']);
    });
  });
});
