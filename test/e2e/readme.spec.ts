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
    const yamlBlocks = blocks('yaml');
    expect(yamlBlocks).to.have.length.greaterThan(0);
    for (const text of yamlBlocks) expect(() => parseDefinition(parse(text), 'README.md', 'README.md')).not.to.throw();
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
