import { expect } from 'chai';
import { HttpError } from '../../../src/server/HttpError.js';
import { pipelineParam } from '../../../src/server/pipelineParam.js';

describe('pipelineParam()', () => {
  for (const [raw, name] of [
    ['demo', 'demo'],
    ['clients%2Facme', 'clients/acme'],
    ['clients/acme', 'clients/acme'],
    ['v1.2_x-y', 'v1.2_x-y'],
  ]) {
    it(`should read "${raw}" as "${name}"`, () => {
      expect(pipelineParam(raw!)).to.equal(name);
    });
  }

  for (const raw of ['..%2F..%2Fetc', '..', '%2E%2E', 'a/../b', '%2Fetc%2Fpasswd', '/etc', 'a%00b', 'a%5Cb', 'a\\b', '.hidden', 'a//b', 'a/', '%E0%A4%A', 'x'.repeat(201)]) {
    it(`should refuse "${raw.slice(0, 30)}" with 400`, () => {
      expect(() => pipelineParam(raw))
        .to.throw(HttpError)
        .with.property('status', 400);
    });
  }
});
