import { expect } from 'chai';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** A pipeline with one column whose name carries a number. */
function pipeline(column: string, extra: Record<string, unknown> = {}, validation: Record<string, unknown> = {}): Record<string, unknown> {
  return demoYaml({
    schema: {
      key: 'id',
      timestamp: 'timestamp',
      columns: { id: { type: 'string', required: true }, [column]: { type: 'string', ...extra }, timestamp: { type: 'date', required: true } },
    },
    ...(Object.keys(validation).length > 0 ? { validation } : {}),
  });
}

describe('headers whose numbers differ from a column (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  it('should not put q2_sales figures under q1_sales: the column stays empty and q2_sales is dropped as extra', () => {
    ws = new TestWorkspace({ demo: pipeline('q1_sales') });
    ws.drop(
      'd1.csv',
      csv([
        ['id', 'q2_sales', 'timestamp'],
        ['1', '900', '2024-04-01'],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    expect(summary.headers).to.deep.equal([]);
    expect(ws.read('output/latest.csv')).to.equal('id,q1_sales,timestamp,source_filename\n1,,2024-04-01,d1.csv\n');
  });

  it('should quarantine a file whose only candidate for a required q1_sales is q2_sales (exit 3, no latest.csv)', () => {
    ws = new TestWorkspace({ demo: pipeline('q1_sales', { required: true }) });
    ws.drop(
      'd1.csv',
      csv([
        ['id', 'q2_sales', 'timestamp'],
        ['1', '900', '2024-04-01'],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(3);
    expect(summary.snapshot).to.equal(null);
    expect(summary.quarantined.map((q) => q.code)).to.deep.equal(['MISSING_COLUMN']);
    expect(ws.files('output')).to.deep.equal(['logs']);
    expect(ws.files('input/quarantine')).to.include('d1.csv');
  });

  it('should keep address2 as its own column next to an empty address1 (extraColumns: keep)', () => {
    ws = new TestWorkspace({ demo: pipeline('address1', {}, { extraColumns: 'keep' }) });
    ws.drop(
      'd1.csv',
      csv([
        ['id', 'address2', 'timestamp'],
        ['1', 'Flat 4', '2024-04-01'],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    expect(summary.headers).to.deep.equal([]);
    expect(ws.read('output/latest.csv')).to.equal('id,address1,timestamp,address2,source_filename\n1,,2024-04-01,Flat 4,d1.csv\n');
  });

  it('should still map a typo that keeps the number (q2_slaes -> q2_sales)', () => {
    ws = new TestWorkspace({ demo: pipeline('q2_sales') });
    ws.drop(
      'd1.csv',
      csv([
        ['id', 'q2_slaes', 'timestamp'],
        ['1', '900', '2024-04-01'],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    expect(summary.headers.map((h) => [h.header, h.column, h.how])).to.deep.equal([['q2_slaes', 'q2_sales', 'fuzzy']]);
    expect(ws.read('output/latest.csv')).to.equal('id,q2_sales,timestamp,source_filename\n1,900,2024-04-01,d1.csv\n');
  });
});
