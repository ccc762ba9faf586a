import { expect } from 'chai';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/tmp.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];
const row = (id: string): string => csv([HEADER, [id, `from ${id}`, '2021-01-01']]);
/** The demo definition with these source settings over its own. */
const withSource = (settings: Record<string, unknown>): Record<string, unknown> => demoYaml({ source: settings });
const OUTSIDE = 'symbolic link to a path outside the workspace';

describe('what the drop holds but a run does not read (end to end)', () => {
  let ws: TestWorkspace;
  let elsewhere: { dir: string; remove: () => void };
  beforeEach(() => {
    ws = new TestWorkspace();
    elsewhere = makeTempDir('dropline-outside-');
  });
  afterEach(() => {
    ws.remove();
    elsewhere.remove();
  });

  /** A drop with one readable file and one of each thing that is not read. */
  function mixedDrop(): void {
    ws.drop('EXPORT.CSV', row('upper'));
    ws.drop('notes.txt', 'not data\n');
    ws.drop('.hidden.csv', row('hidden'));
    ws.drop('.latest.csv.123.0a1b2c3d.tmp', 'a temp file of dropline itself\n');
    ws.drop(join('sub', 'inner.csv'), row('inner'));
    ws.write(join('input', 'processing', '.keep'), '');
    symlinkSync('/etc/passwd', ws.path('input', 'processing', 'passwd.csv'));
    writeFileSync(join(elsewhere.dir, 'client.csv'), row('outside'));
    symlinkSync(join(elsewhere.dir, 'client.csv'), ws.path('input', 'processing', 'outside.csv'));
  }

  const MIXED_IGNORED = [
    { file: '.hidden.csv', reason: 'hidden file' },
    { file: '.keep', reason: 'hidden file' },
    { file: 'notes.txt', reason: 'does not match pattern *.csv' },
    { file: 'outside.csv', reason: OUTSIDE },
    { file: 'passwd.csv', reason: OUTSIDE },
    { file: 'sub', reason: 'a folder' },
  ];

  describe('when the drop holds an upper-case name, a text file, a folder, hidden files and links leaving the workspace', () => {
    beforeEach(() => {
      mixedDrop();
    });

    it('should read EXPORT.CSV under pattern *.csv and list every other entry with why in files.ignored', () => {
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(ws.latest()).to.deep.equal([{ id: 'upper', description: 'from upper', timestamp: '2021-01-01', source_filename: 'EXPORT.CSV' }]);
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 0, waiting: [], ignored: MIXED_IGNORED });
    });

    it('should leave every ignored entry where it was, and move no link', () => {
      ws.run();
      expect(ws.files('input/processed')).to.deep.equal(['EXPORT.CSV']);
      expect(ws.files('input/quarantine')).to.deep.equal([]);
      expect(ws.files('input/processing')).to.deep.equal(['notes.txt', 'outside.csv', 'passwd.csv', 'sub']);
    });

    it('should name them on one capped line of the human summary', () => {
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith('  ignored:'));
      expect(line).to.equal(
        `  ignored: 6 entries not read: .hidden.csv (hidden file), .keep (hidden file), notes.txt (does not match pattern *.csv), outside.csv (${OUTSIDE}), passwd.csv (${OUTSIDE}) +1 more`,
      );
    });

    it('should list them in validate --json under ignored, changing nothing', () => {
      const r = ws.cli('validate', 'demo', '--json');
      expect(r.code).to.equal(0);
      const report = JSON.parse(r.stdout) as { files: { file: string; status: string }[]; ignored: unknown };
      expect(report.files.map((f) => [f.file, f.status])).to.deep.equal([['EXPORT.CSV', 'ok']]);
      expect(report.ignored).to.deep.equal(MIXED_IGNORED);
      expect(ws.files('input/processing')).to.deep.equal(['EXPORT.CSV', 'notes.txt', 'outside.csv', 'passwd.csv', 'sub']);
    });

    it('should name them in the human validate report', () => {
      const r = ws.cli('validate', 'demo');
      expect(r.stdout.split('\n')).to.include(
        `ignored: 6 entries not read: .hidden.csv (hidden file), .keep (hidden file), notes.txt (does not match pattern *.csv), outside.csv (${OUTSIDE}), passwd.csv (${OUTSIDE}) +1 more`,
      );
    });
  });

  describe('when nothing is ignored', () => {
    it('should print no ignored line and give an empty files.ignored', () => {
      ws.drop('a.csv', row('a'));
      expect(ws.run().summary.files.ignored).to.deep.equal([]);
      ws.drop('b.csv', row('b'));
      expect(ws.cli('run', 'demo').stdout).not.to.contain('ignored');
    });
  });

  describe('when the drop holds only files that are not read', () => {
    it('should say so in validate instead of calling the drop empty', () => {
      ws.drop('notes.txt', 'not data\n');
      const r = ws.cli('validate', 'demo');
      expect(r.code).to.equal(0);
      expect(r.stdout.split('\n').slice(0, 2)).to.deep.equal([
        'pipeline demo: the drop holds nothing to read',
        'ignored: 1 entry not read: notes.txt (does not match pattern *.csv)',
      ]);
    });
  });

  describe('when a link points at a file inside the workspace', () => {
    it('should not follow it, and say where it points', () => {
      ws.write('elsewhere/real.csv', row('real'));
      mkdirSync(ws.path('input', 'processing'), { recursive: true });
      symlinkSync(ws.path('elsewhere', 'real.csv'), ws.path('input', 'processing', 'link.csv'));
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.files).to.deep.equal({
        processed: 0,
        quarantined: 0,
        skipped: 0,
        waiting: [],
        ignored: [{ file: 'link.csv', reason: 'symbolic link to elsewhere/real.csv (links are not followed; put the file itself in the drop)' }],
      });
      expect(ws.files('input/processing')).to.deep.equal(['link.csv']);
    });

    it('should call a link to nothing broken', () => {
      mkdirSync(ws.path('input', 'processing'), { recursive: true });
      symlinkSync(ws.path('gone.csv'), ws.path('input', 'processing', 'dangling.csv'));
      expect(ws.run().summary.files.ignored).to.deep.equal([{ file: 'dangling.csv', reason: 'broken symbolic link' }]);
    });
  });

  describe('when the archive and quarantine folders sit inside the drop', () => {
    it('should not report them as folders it ignored', () => {
      ws.writeDefinition('demo', demoYaml({ source: { path: 'input', archive: 'input/done' }, validation: { quarantine: 'input/bad' } }));
      ws.write('input/a.csv', row('a'));
      ws.write('input/b.csv', 'no,header,here\n');
      ws.write('input/other/x.csv', row('x'));
      const { summary } = ws.run();
      expect(summary.files).to.deep.include({ processed: 1, quarantined: 1 });
      expect(ws.files('input/done')).to.deep.equal(['a.csv']);
      expect(ws.run().summary.files.ignored).to.deep.equal([{ file: 'other', reason: 'a folder' }]);
    });
  });

  describe('when source.caseSensitive is true', () => {
    it('should leave EXPORT.CSV unread under *.csv and say the case is why', () => {
      ws.writeDefinition('demo', withSource({ caseSensitive: true }));
      ws.drop('EXPORT.CSV', row('upper'));
      ws.drop('lower.csv', row('lower'));
      const { summary } = ws.run();
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['lower']);
      expect(summary.files.ignored).to.deep.equal([{ file: 'EXPORT.CSV', reason: 'does not match pattern *.csv (source.caseSensitive is true)' }]);
    });
  });

  describe('when the pattern negates a character class', () => {
    it('should read b.csv and not a.csv under [!a]*.csv', () => {
      ws.writeDefinition('demo', withSource({ pattern: '[!a]*.csv' }));
      ws.drop('a.csv', row('a'));
      ws.drop('b.csv', row('b'));
      const { summary } = ws.run();
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['b']);
      expect(summary.files.ignored).to.deep.equal([{ file: 'a.csv', reason: 'does not match pattern [!a]*.csv' }]);
    });
  });

  describe('when the pattern cannot be compiled', () => {
    it('should refuse the definition with DEFINITION_INVALID, exit 2', () => {
      ws.writeDefinition('demo', withSource({ pattern: '[a-' }));
      const r = ws.cli('validate', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.equal(
        'error[DEFINITION_INVALID]: pipelines/demo.yaml: source.pattern "[a-" is not a valid pattern: missing closing "]"; write a literal "[" as "\\["',
      );
    });

    it('should refuse a pattern with a folder in it, as names are matched without folders', () => {
      ws.writeDefinition('demo', withSource({ pattern: 'sub/*.csv' }));
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.equal(
        'error[DEFINITION_INVALID]: pipelines/demo.yaml: source.pattern "sub/*.csv" has a "/"; it matches file names in source.path, so put the folder in source.path',
      );
    });
  });

  describe('when a name holds terminal control characters', () => {
    it('should print them escaped, so the name can neither clear the screen nor rewrite its line', () => {
      ws.drop('a.csv', row('a'));
      ws.drop('evil\x1b[2J\rnotes.txt', 'x\n');
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(0);
      expect(r.stdout).not.to.match(/[\x1b\r]/);
      expect(r.stdout).to.contain('evil\\u001b[2J\\u000dnotes.txt (does not match pattern *.csv)');
    });
  });
});
