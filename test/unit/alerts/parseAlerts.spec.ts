import { expect } from 'chai';
import { alertTargets } from '../../../src/alerts/alertTargets.js';
import { readWorkspaceAlerts } from '../../../src/alerts/workspaceAlerts.js';
import { parseDefinition } from '../../../src/definition/parseDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { demoYaml, TestWorkspace } from '../../helpers/workspace.js';

const parse = (alerts: unknown) => parseDefinition(demoYaml({ alerts }), 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml').alerts;
const DEFAULTS = { timeoutMs: 10_000, retries: 2, retryDelayMs: 1_000 };

function problem(alerts: unknown): string {
  try {
    parse(alerts);
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    expect((err as DroplineError).code).to.equal('DEFINITION_INVALID');
    return (err as DroplineError).message;
  }
  return expect.fail('expected DEFINITION_INVALID');
}

describe('alerts: (parsing and targets)', () => {
  it('should read webhooks by url or urlEnv with the retry defaults, and leave the key out when absent', () => {
    expect(
      parse([
        { type: 'webhook', url: 'https://hooks.example.com/a' },
        { type: 'webhook', urlEnv: 'HOOK', retries: 0 },
      ]),
    ).to.deep.equal([
      { type: 'webhook', url: 'https://hooks.example.com/a', ...DEFAULTS },
      { type: 'webhook', urlEnv: 'HOOK', ...DEFAULTS, retries: 0 },
    ]);
    expect(parse(undefined)).to.equal(undefined);
  });

  it('should refuse what cannot be delivered, by key', () => {
    expect(problem({ type: 'webhook' })).to.contain('alerts must be a list of webhooks');
    expect(problem([{ url: 'https://x.example' }])).to.contain('alerts[0].type is required: webhook');
    expect(problem([{ type: 'email', url: 'https://x.example' }])).to.contain('alerts[0].type "email" is not allowed');
    expect(problem([{ type: 'webhook' }])).to.contain('alerts[0] needs exactly one of url (the address) and urlEnv');
    expect(problem([{ type: 'webhook', url: 'https://x.example', urlEnv: 'X' }])).to.contain('alerts[0] needs exactly one of url');
    expect(problem([{ type: 'webhook', url: 'ftp://x.example' }])).to.contain('alerts[0].url "ftp://x.example" is not an http:// or https:// URL');
    expect(problem([{ type: 'webhook', urlEnv: 'not a name' }])).to.contain('alerts[0].urlEnv must be the name of an environment variable');
    expect(problem([{ type: 'webhook', url: 'https://x.example', retries: 1.5 }])).to.contain('alerts[0].retries must be a whole number');
    expect(problem([{ type: 'webhook', url: 'https://x.example', headers: {} }])).to.contain('alerts[0].headers is not a known key');
  });

  it('should refuse credentials written in a URL: they belong in urlEnv', () => {
    expect(problem([{ type: 'webhook', url: 'https://user:pw@x.example/h' }])).to.contain('alerts[0].url holds a user or password before the host');
    expect(problem([{ type: 'webhook', url: 'https://x.example/h?api_key=1' }])).to.contain('holds the query parameter "api_key"');
    expect(parse([{ type: 'webhook', url: 'https://x.example/h?channel=ops' }])).to.have.length(1);
  });

  it("should read dropline.yaml's alerts beside team mode's keys, and none without the file", () => {
    const ws = new TestWorkspace();
    try {
      expect(readWorkspaceAlerts(ws.root)).to.deep.equal([]);
      ws.write('dropline.yaml', 'blobs: { path: blobs }\nalerts:\n  - { type: webhook, urlEnv: HOOK }\n');
      expect(readWorkspaceAlerts(ws.root)).to.deep.equal([{ type: 'webhook', urlEnv: 'HOOK', ...DEFAULTS }]);
      ws.write('dropline.yaml', 'alerts:\n  - { type: webhook, url: "https://a:b@x.example" }\n');
      expect(() => readWorkspaceAlerts(ws.root)).to.throw(DroplineError, 'dropline.yaml: alerts[0].url holds a user or password');
    } finally {
      ws.remove();
    }
  });

  it("should send to both lists' webhooks, a URL listed twice once, an unset variable as a target that cannot be reached", () => {
    const hook = (extra: object) => ({ type: 'webhook' as const, ...DEFAULTS, ...extra });
    const vars: Record<string, string> = { SAME: 'https://x.example/h', OTHER: 'https://y.example/h' };
    const targets = alertTargets([hook({ url: 'https://x.example/h' })], [hook({ urlEnv: 'SAME' }), hook({ urlEnv: 'OTHER' }), hook({ urlEnv: 'UNSET' })], (n) => vars[n]);
    expect(targets.map((t) => [t.name, t.url])).to.deep.equal([
      ['https://x.example', 'https://x.example/h'],
      ['$OTHER', 'https://y.example/h'],
      ['$UNSET', null],
    ]);
    expect(targets[2]!.id).to.equal('env:UNSET');
    expect(targets[0]!.id).not.to.contain('example');
  });
});
