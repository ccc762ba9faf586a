import { expect } from 'chai';
import { parse } from 'yaml';
import { TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const NOTE_SINK_JS = `
import { BaseSink } from 'dropline-cli';
export default class NoteSink extends BaseSink {
  static options = { path: { type: 'string', default: 'output/note.txt' }, loud: { type: 'boolean' } };
  async write() {}
}
`;

describe('show-definition (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  function sinksShown(sinks: unknown[]): unknown {
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks }) });
    ws.write('sinks/note-sink.mjs', NOTE_SINK_JS);
    const r = ws.cliWith({ env: { DATABASE_URL: undefined } }, 'show-definition', 'shop');
    expect(r.code, r.stderr).to.equal(0);
    return (parse(r.stdout) as { sinks: unknown }).sinks;
  }

  it('should write out the defaults of a sqlite sink, those that depend on the pipeline included', () => {
    expect(sinksShown([{ type: 'sqlite' }])).to.deep.equal([{ type: 'sqlite', options: { path: 'output/shop.sqlite', table: 'shop' }, history: false }]);
  });

  it('should write out the defaults of a postgres sink without needing its connection variable', () => {
    expect(sinksShown([{ type: 'postgres', options: { schema: 'sales' } }])).to.deep.equal([
      { type: 'postgres', options: { urlEnv: 'DATABASE_URL', schema: 'sales', batchRows: 20000, connectTimeoutMs: 10000, table: 'shop' }, history: false },
    ]);
  });

  it('should write out the defaults a sink class in a user module declares', () => {
    expect(sinksShown([{ type: 'note', module: 'sinks/note-sink.mjs' }])).to.deep.equal([
      { type: 'note', module: 'sinks/note-sink.mjs', options: { path: 'output/note.txt' }, history: false },
    ]);
  });

  it('should keep the values the definition gives', () => {
    expect(sinksShown([{ type: 'sqlite', options: { path: 'db/x.sqlite', table: 'sales' } }])).to.deep.equal([
      { type: 'sqlite', options: { path: 'db/x.sqlite', table: 'sales' }, history: false },
    ]);
  });

  it('should show history: true where a sink keeps history', () => {
    expect(sinksShown([{ type: 'sqlite', history: true }])).to.deep.equal([{ type: 'sqlite', options: { path: 'output/shop.sqlite', table: 'shop' }, history: true }]);
  });
});
