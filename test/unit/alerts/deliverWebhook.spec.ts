import { expect } from 'chai';
import { createServer } from 'node:net';
import { backoffDelays, deliverWebhook } from '../../../src/alerts/deliverWebhook.js';
import type { AlertPayload } from '../../../src/alerts/AlertPayload.js';
import { AlertReceiver } from '../../helpers/alertReceiver.js';

const PAYLOAD: AlertPayload = { event: 'sink.failed', id: 'abc123', pipeline: 'demo', snapshot: null, at: '2026-11-25T00:00:00.000Z', summary: 'demo: x', details: {} };

describe('deliverWebhook', () => {
  let receiver: AlertReceiver;
  beforeEach(async () => (receiver = await new AlertReceiver().start()));
  afterEach(() => receiver.close());

  it('should wait retryDelayMs before the first retry, doubling after each', () => {
    expect(backoffDelays(3, 200)).to.deep.equal([200, 400, 800]);
    expect(backoffDelays(0, 200)).to.deep.equal([]);
  });

  it('should retry a 5xx and succeed on a later try, each try the same body and Idempotency-Key', async () => {
    receiver.answers = [500, 502];
    const failures: string[] = [];
    const result = await deliverWebhook(receiver.url, PAYLOAD, { timeoutMs: 5000, retries: 2, retryDelayMs: 1, onFailure: (p, a, t) => failures.push(`${p} ${a}/${t}`) });
    expect(result).to.deep.equal({ ok: true, tries: 3 });
    expect(failures).to.deep.equal(['HTTP 500 Internal Server Error 1/3', 'HTTP 502 Bad Gateway 2/3']);
    expect(receiver.received.map((r) => r.body)).to.deep.equal([PAYLOAD, PAYLOAD, PAYLOAD]);
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).to.deep.equal(['abc123', 'abc123', 'abc123']);
  });

  it('should give up after the retries, saying why the last try failed', async () => {
    receiver.answers = [503, 503, 503];
    expect(await deliverWebhook(receiver.url, PAYLOAD, { timeoutMs: 5000, retries: 1, retryDelayMs: 1 })).to.deep.equal({
      ok: false,
      tries: 2,
      error: 'HTTP 503 Service Unavailable',
    });
    expect(receiver.received).to.have.length(2);
  });

  it('should not retry an answer that says the URL is wrong (404)', async () => {
    receiver.answers = [404];
    expect(await deliverWebhook(receiver.url, PAYLOAD, { timeoutMs: 5000, retries: 3, retryDelayMs: 1 })).to.deep.equal({ ok: false, tries: 1, error: 'HTTP 404 Not Found' });
  });

  it('should retry a webhook that cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const result = await deliverWebhook(`http://127.0.0.1:${port}/hook`, PAYLOAD, { timeoutMs: 5000, retries: 1, retryDelayMs: 1 });
    expect(result.ok).to.equal(false);
    expect(result.tries).to.equal(2);
    expect(result.error).to.contain('ECONNREFUSED');
  });
});
