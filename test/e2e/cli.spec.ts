import { expect } from 'chai';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

describe('dropline CLI (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('demo (what npm start runs)', () => {
    it('should generate the demo drop on first use and leave 100 rows with lineage and 50 archived files', () => {
      const r = ws.cli('demo');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain('50 processed').and.contain('output/latest.csv');
      const latest = ws.latest();
      expect(latest).to.have.length(100);
      expect(latest.every((row) => /^data_\d{4}-\d{2}-\d{2}(_\d+)?\.csv$/.test(row.source_filename!))).to.equal(true);
      expect(ws.files('input/processed')).to.have.length(50);
    });

    it('should add nothing when run a second time', () => {
      ws.cli('demo');
      const before = ws.read('output/latest.csv');
      const r = ws.cli('demo', '--json');
      expect(r.code).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.include({ snapshot: null });
      expect(ws.files('input/processed')).to.have.length(50);
      expect(ws.read('output/latest.csv')).to.equal(before);
    });
  });

  describe('list', () => {
    it('should print the pipelines with their descriptions as JSON', () => {
      ws.writeDefinition(
        'acme',
        demoYaml({ name: 'acme', description: 'Acme weekly', source: { path: 'input/acme', archive: 'input/acme-done' }, output: { path: 'output/acme.csv' } }),
      );
      const r = ws.cli('list', '--json');
      expect(r.code).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal([
        { name: 'acme', description: 'Acme weekly' },
        { name: 'demo', description: 'test pipeline' },
      ]);
    });
  });

  describe('generate', () => {
    it('should honour --rows, --files and --ids', () => {
      const r = ws.cli('generate', 'demo', '--rows', '300', '--files', '3', '--ids', '7', '--seed', '1');
      expect(r.code, r.stderr).to.equal(0);
      expect(ws.files('input/processing')).to.have.length(3);
      const { summary } = ws.run();
      expect(summary.rows.read).to.equal(300);
      expect(summary.latest.rows).to.equal(7);
    });

    it('should refuse a count that is not a whole number with a usage error', () => {
      const r = ws.cli('generate', 'demo', '--rows', 'many');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/^error\[USAGE\]: .*--rows/m);
    });
  });

  describe('errors', () => {
    it('should name an unknown pipeline, suggest the nearest and exit 2 without a stack trace', () => {
      const r = ws.cli('run', 'dmeo');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.equal('error[DEFINITION_NOT_FOUND]: pipeline "dmeo" not found: no pipelines/dmeo.yaml; did you mean "demo"? (pipelines: demo)');
    });

    it('should name the file, the key and what is allowed for an unknown definition key', () => {
      ws.writeDefinition('demo', demoYaml({ source: { typ: 'directory' } }));
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/^error\[DEFINITION_INVALID\]: pipelines\/demo\.yaml: source\.typ is not a known key; did you mean "type"\? \(known: .*\)$/m);
    });

    it('should list the known source types and suggest the nearest for an unknown one', () => {
      ws.writeDefinition('demo', demoYaml({ source: { type: 'directroy', path: 'x' } }));
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('error[DEFINITION_INVALID]: pipelines/demo.yaml: source.type "directroy" is not known; did you mean "directory"? (known: directory');
    });

    it('should list the allowed types for an unknown column type', () => {
      const def = demoYaml();
      (def.schema as { columns: Record<string, unknown> }).columns.description = { type: 'text' };
      ws.writeDefinition('demo', def);
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('schema.columns.description.type "text" is not allowed (allowed: string, integer, number, boolean, date, datetime)');
    });

    it('should say which required key is missing', () => {
      const def = demoYaml();
      delete (def.schema as Record<string, unknown>).timestamp;
      ws.writeDefinition('demo', def);
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('pipelines/demo.yaml: schema.timestamp is required');
    });

    it('should show a stack trace only with --verbose', () => {
      ws.writeDefinition('demo', 'name: demo\nsource: [unclosed\n');
      const quiet = ws.cli('run', 'demo');
      const verbose = ws.cli('run', 'demo', '--verbose');
      expect(quiet.code).to.equal(2);
      expect(quiet.stderr).to.match(/^error\[DEFINITION_INVALID\]: pipelines\/demo\.yaml:\d+: not valid YAML/);
      expect(quiet.stderr).not.to.contain('    at ');
      expect(verbose.stderr).to.contain('    at ');
    });

    it('should treat an unknown option as a usage error (exit 2)', () => {
      const r = ws.cli('run', 'demo', '--frobnicate');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/^error\[USAGE\]: unknown option '--frobnicate'[^\n]*\n$/);
    });
  });

  describe('--help', () => {
    it('should list every command and the exit codes', () => {
      const r = ws.cli('--help');
      expect(r.code).to.equal(0);
      for (const word of ['run', 'list', 'generate', 'demo', 'Exit codes', '--root']) expect(r.stdout).to.contain(word);
    });
  });

  describe('--root', () => {
    it('should refuse a folder that does not exist, saying how to make one', () => {
      const r = ws.cli('run', 'demo', '--root', ws.path('nowhere'));
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/^error\[USAGE\]: workspace root .*nowhere does not exist; .*dropline init/);
    });

    it('should use another folder as the workspace', () => {
      const other = new TestWorkspace();
      try {
        other.cli('generate', 'demo', '--rows', '10', '--files', '1', '--ids', '2', '--seed', '3');
        const r = ws.cli('run', 'demo', '--json', '--root', other.root);
        expect(r.code, r.stderr).to.equal(0);
        expect(JSON.parse(r.stdout).rows.read).to.equal(10);
        expect(other.latest()).to.have.length(2);
      } finally {
        other.remove();
      }
    });
  });
});

describe('dropline list with a broken definition (end to end)', () => {
  it('should still list the others, and show the broken one with its error', () => {
    const ws = new TestWorkspace();
    try {
      ws.writeDefinition('needsvar', 'name: needsvar\ndescription: ${NOT_SET_ANYWHERE}\n');
      const r = ws.cli('list', '--json');
      expect(r.code).to.equal(0);
      const listed = JSON.parse(r.stdout) as { name: string; error?: string }[];
      expect(listed.map((p) => p.name)).to.deep.equal(['demo', 'needsvar']);
      expect(listed[1]!.error).to.match(/^error\[DEFINITION_INVALID\]: .*NOT_SET_ANYWHERE/);
    } finally {
      ws.remove();
    }
  });
});
