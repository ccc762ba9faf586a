import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { PAGE_SCRIPT_PARTS, pageScript } from '../../../src/server/page/pageScript.js';
import { REPO_ROOT } from '../../helpers/workspace.js';

const PAGE_DIR = join(REPO_ROOT, 'src', 'server', 'page');

/** Just enough of a browser for the script's first moments: elements to wire, a storage, a fetch that never answers. */
function fakeBrowser(): Record<string, unknown> {
  const element = { addEventListener: () => undefined };
  return {
    document: { getElementById: () => element },
    sessionStorage: { getItem: () => null },
    fetch: () => new Promise(() => undefined),
  };
}

describe('pageScript()', () => {
  it('should serve every script in src/server/page/, each once', () => {
    const onDisk = readdirSync(PAGE_DIR).filter((name) => name.endsWith('.js'));
    expect([...PAGE_SCRIPT_PARTS].sort()).to.deep.equal(onDisk.sort());
  });

  it('should serve the parts in their order, whole, inside one strict-mode function', () => {
    const script = pageScript();
    expect(script.startsWith("'use strict';\n(function () {\n")).to.equal(true);
    expect(script.endsWith('})();\n')).to.equal(true);
    const at = PAGE_SCRIPT_PARTS.map((part) => script.indexOf(readFileSync(join(PAGE_DIR, part), 'utf8')));
    expect(at.every((position) => position >= 0)).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
  });

  it('should run as one scope that puts nothing on the global object', () => {
    const context = createContext(fakeBrowser());
    const before = Object.keys(context).sort();
    runInContext(pageScript(), context);
    expect(Object.keys(context).sort()).to.deep.equal(before);
  });
});
