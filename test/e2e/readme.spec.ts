import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseDefinition } from '../../src/definition/parseDefinition.js';
import { REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('README', () => {
  it('should show a definition example that dropline accepts', () => {
    const standalone = blocks('yaml').filter((text) => !text.startsWith('# pipelines/'));
    expect(standalone).to.have.length.greaterThan(0);
    for (const text of standalone) expect(() => parseDefinition(parse(text), 'README.md', 'README.md')).not.to.throw();
  });

  it('should show definition files (`# pipelines/...`) that resolve as the text says', () => {
    const files = blocks('yaml').filter((text) => text.startsWith('# pipelines/'));
    expect(files.length).to.be.greaterThan(1);
    const ws = new TestWorkspace({});
    try {
      for (const text of files) ws.write(/^# (pipelines\/\S+\.yaml)/.exec(text)![1]!, text);
      const runnable = files.map((t) => /^# pipelines\/(\S+)\.yaml/.exec(t)![1]!).filter((_, i) => !/^template: true/m.test(files[i]!));
      for (const name of runnable) {
        const r = ws.cli('show-definition', name);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).not.to.contain('${');
      }
    } finally {
      ws.remove();
    }
  });

  it('should document every command the CLI has', () => {
    const ws = new TestWorkspace();
    try {
      const help = ws.cli('--help').stdout;
      const commands = [...help.split('Commands:')[1]!.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
      expect(commands.length).to.be.greaterThan(3);
      for (const c of commands) expect(readme, `README lacks "dropline ${c}"`).to.contain(`dropline ${c}`);
    } finally {
      ws.remove();
    }
  });

  it('should show a run summary with the keys `run --json` prints', () => {
    const documented = JSON.parse(blocks('json')[0]!) as Record<string, unknown>;
    const ws = new TestWorkspace();
    try {
      const { summary } = ws.run();
      expect(Object.keys(documented).sort()).to.deep.equal(Object.keys(summary).sort());
    } finally {
      ws.remove();
    }
  });
});

describe('docs/custom-sources.md', () => {
  const guide = readFileSync(join(REPO_ROOT, 'docs', 'custom-sources.md'), 'utf8');

  it('should show the example source exactly as init writes it (and the suite runs it)', () => {
    const code = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const template = readFileSync(join(REPO_ROOT, 'templates', 'workspace', 'sources', 'jsonl-source.ts'), 'utf8');
    expect(code).to.include(template);
  });
});
