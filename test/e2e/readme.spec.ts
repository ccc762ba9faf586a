import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/errors/DroplineError.js';
import { fencedBlocks, readPage, section } from '../helpers/docPages.js';
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

/** The long options a help text lists under "Options:", `--help` and `--version` left out. */
function longOptions(helpText: string): string[] {
  const options = helpText.split('Options:')[1]!.split(/\n\S/)[0]!;
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help' && o !== '--version');
}

interface Help {
  commands: Map<string, string[]>;
  options: string[];
}
let helpRead: Help | undefined;

/** `dropline --help` (read once): its command names with their own options, and the global options. */
function help(): Help {
  helpRead ??= readHelp();
  return helpRead;
}

function readHelp(): Help {
  const ws = new TestWorkspace();
  try {
    const text = ws.cli('--help').stdout;
    const names = [
      ...text
        .split('Commands:')[1]!
        .split(/\n\S/)[0]!
        .matchAll(/^ {2}([a-z-]+)/gm),
    ]
      .map((m) => m[1]!)
      .filter((c) => c !== 'help');
    return {
      commands: new Map(names.map((c) => [c, longOptions(ws.cli(c, '--help').stdout)])),
      options: longOptions(text.split('Commands:')[0]!),
    };
  } finally {
    ws.remove();
  }
}

/** What a command table shows of each command: `dropline pin <pipeline> <snapshot> [--wait S]` -> pin: ' <pipeline> <snapshot> [--wait S]'. */
function usages(table: string): Map<string, string> {
  const cells = firstCells(table);
  return new Map(cells.flatMap((cell) => [...cell.matchAll(/`dropline ([a-z-]+)([^`]*)`/g)].map((m) => [m[1]!, m[2]!] as [string, string])));
}

describe('README', () => {
  it('should show what `npm start` prints on a fresh clone', () => {
    const shown = fencedBlocks(section(readme, 'Two commands')).find((b) => b.lang === '' || b.lang === 'text');
    const ws = new TestWorkspace({ demo: readPage('pipelines/demo.yaml') });
    try {
      const r = ws.cli('demo');
      expect(r.code, r.stderr).to.equal(0);
      const mask = (text: string) => text.replace(/\d{8}T\d{9}Z/g, '<id>').trimEnd();
      expect(mask(r.stdout)).to.equal(mask(shown!.text));
    } finally {
      ws.remove();
    }
  });

  it('should run its first pipeline as shown', () => {
    const checks = runWorkedExample(section(readme, 'Your first pipeline'));
    expect(checks.map((c) => c.what)).to.deep.equal(['the output of npx dropline run prices', 'output/prices.csv']);
    for (const c of checks) expect(c.actual, c.what).to.equal(c.expected);
  });

  it('should list every command the CLI has, with its options, in its command table, and no other', () => {
    const { commands } = help();
    expect(commands.size).to.be.greaterThan(3);
    const tables = {
      README: usages(section(readme, 'Commands').split('### ')[0]!),
      'docs/cli.md': usages(section(readPage('docs/cli.md'), 'Commands')),
    };
    for (const [page, listed] of Object.entries(tables)) {
      for (const [c, options] of commands) {
        expect([...listed.keys()], `${page}'s command table lacks "dropline ${c}"`).to.include(c);
        for (const o of options) expect(listed.get(c), `${page}'s row of "dropline ${c}" lacks ${o}`).to.contain(o);
      }
      for (const c of listed.keys()) expect([...commands.keys()], `${page} lists "dropline ${c}", which the CLI does not have`).to.include(c);
    }
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
