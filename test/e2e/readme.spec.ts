import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors/DroplineError.js';
import { readPage, section } from '../helpers/docPages.js';
import { runWorkedExample } from '../helpers/workedExample.js';
import { REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const readme = readPage('README.md');

/** The first cells of a markdown table's rows (its header and rule left out). */
function firstCells(table: string): string[] {
  return table
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) => l.split('|')[1]!.trim());
}

/** `dropline --help`: its command names and its long options. */
function help(): { commands: string[]; options: string[] } {
  const ws = new TestWorkspace();
  try {
    const text = ws.cli('--help').stdout;
    const [options, commands] = [text.split('Options:')[1]!.split('Commands:')[0]!, text.split('Commands:')[1]!.split(/\n\S/)[0]!];
    return {
      commands: [...commands.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help'),
      options: [...options.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help' && o !== '--version'),
    };
  } finally {
    ws.remove();
  }
}

describe('README', () => {
  it('should run its first pipeline as shown', () => {
    const checks = runWorkedExample(section(readme, 'Your first pipeline'));
    expect(checks.map((c) => c.what)).to.deep.equal(['the output of npx dropline run prices', 'output/prices.csv']);
    for (const c of checks) expect(c.actual, c.what).to.equal(c.expected);
  });

  it('should list every command the CLI has in its command table, and no other', () => {
    const { commands } = help();
    expect(commands.length).to.be.greaterThan(3);
    const rows = firstCells(section(readme, 'Commands').split('### ')[0]!);
    const listed = rows.flatMap((cell) => [...cell.matchAll(/`dropline ([a-z-]+)/g)].map((m) => m[1]!));
    for (const c of commands) expect(listed, `README's command table lacks "dropline ${c}"`).to.include(c);
    for (const c of listed) expect(commands, `README's command table lists "dropline ${c}", which the CLI does not have`).to.include(c);
    const reference = readPage('docs/cli.md');
    for (const c of commands) expect(reference, `docs/cli.md lacks "dropline ${c}"`).to.contain(`\`dropline ${c}`);
  });

  it('should name every global option in its global-options sentence', () => {
    const { options } = help();
    expect(options).to.include('--root');
    const sentence = /^Global options: [\s\S]*?\.\n\n/m.exec(readme)![0];
    for (const o of options) expect(sentence, `README's global options lack ${o}`).to.contain(`\`${o}`);
  });

  it('should list every exit code in its exit-code table', () => {
    const documented = firstCells(section(readme, 'Exit codes')).map(Number);
    expect(documented).to.deep.equal([...new Set(Object.values(ExitCode))].sort((a, b) => a - b));
  });

  it('should stay a front door: short enough to read in five minutes', () => {
    expect(Buffer.byteLength(readme), 'README.md has grown past 10 KB: move details into docs/').to.be.lessThan(10_000);
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
