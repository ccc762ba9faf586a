import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('dropline version, help and colour (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('--version and version', () => {
    it('should print the name and version from package.json with --version', () => {
      const r = ws.cli('--version');
      expect(r).to.deep.equal({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
    });

    it('should print the same with the version command', () => {
      const r = ws.cli('version');
      expect(r).to.deep.equal({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
    });

    it('should print {"name", "version"} with version --json', () => {
      const r = ws.cli('version', '--json');
      expect(r.code).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal({ name: pkg.name, version: pkg.version });
    });
  });

  describe('help', () => {
    it('should refuse an unknown command with a usage error naming the nearest and the commands', () => {
      const r = ws.cli('help', 'rnu');
      expect(r.code).to.equal(2);
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.match(/^error\[USAGE\]: "rnu" is not a dropline command; did you mean "run"\? \(commands: run, validate, check, list, .*\)\n$/);
    });

    it('should show the help and say a command is needed when none is given', () => {
      const r = ws.cli();
      expect(r.code).to.equal(2);
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.match(/^Usage: dropline \[options\] \[command\]/);
      expect(r.stderr).to.match(/\nerror\[USAGE\]: no command given; the commands are listed above, and dropline help <command> explains one \(see dropline --help\)\n$/);
    });

    it("should print a command's help with help <command>", () => {
      const r = ws.cli('help', 'run');
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/^Usage: dropline run \[options\] <pipeline>/);
    });

    it("should show the global options in a command's help", () => {
      const r = ws.cli('run', '--help');
      expect(r.code).to.equal(0);
      const global = r.stdout.split('Global Options:')[1];
      expect(global, r.stdout).to.be.a('string');
      for (const option of ['--root <dir>', '--verbose', '--quiet', '--set <name=value>']) expect(global).to.contain(option);
    });
  });

  describe('colour', () => {
    // A file whose header matches no column is quarantined, which logs a warning on stderr.
    const quarantine = (): void => ws.drop('bad.csv', 'foo,bar\n1,2\n');

    it('should colour the log level when FORCE_COLOR is set, even when stderr is not a terminal', () => {
      quarantine();
      const r = ws.cliWith({ env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }, 'run', 'demo');
      expect(r.code).to.equal(3);
      expect(r.stderr).to.match(/^\x1b\[33mwarn\x1b\[39m: \[runner\] quarantined bad\.csv/m);
    });

    it('should not colour when FORCE_COLOR is 0', () => {
      quarantine();
      const r = ws.cliWith({ env: { NO_COLOR: undefined, FORCE_COLOR: '0' } }, 'run', 'demo');
      expect(r.stderr).to.match(/^warn: \[runner\] quarantined bad\.csv/m);
      expect(r.stderr).not.to.contain('\x1b[');
    });

    it('should not colour when NO_COLOR is set', () => {
      quarantine();
      const r = ws.cliWith({ env: { NO_COLOR: '1' } }, 'run', 'demo');
      expect(r.stderr).to.match(/^warn: \[runner\] quarantined bad\.csv/m);
      expect(r.stderr).not.to.contain('\x1b[');
    });
  });
});
