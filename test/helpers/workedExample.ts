import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fencedBlocks } from './docPages.js';
import { TestWorkspace } from './workspace.js';

/** A documented output beside what dropline really produced. */
export interface ExampleCheck {
  what: string;
  expected: string;
  actual: string;
}

const ID = /\d{8}T\d{9}Z/g;
const TIME = /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"/g;

/**
 * Runs the example a page section shows, in a fresh workspace: writes the
 * `# pipelines/...` definitions and the labelled files ("`input/x.csv`:")
 * shown before its first command, runs each `npx dropline ...` line of its
 * `sh` blocks, and pairs every output it shows after that (an unlabelled
 * `text` block: the last command's stdout; a labelled block: that file) with
 * the real one. Run and snapshot ids, and times in JSON, are masked.
 * `inputs`: labels of files the example has the reader write between commands
 * (a corrected file): written where they are shown, never checked.
 */
export function runWorkedExample(markdown: string, inputs: readonly string[] = []): ExampleCheck[] {
  const ws = new TestWorkspace({});
  const checks: ExampleCheck[] = [];
  try {
    let command: string | undefined;
    let stdout = '';
    for (const block of fencedBlocks(markdown)) {
      if (block.lang === 'sh') {
        for (const line of block.text.split('\n')) {
          const m = /^npx dropline ([^#]+)/.exec(line);
          if (!m) continue;
          command = m[0].trim();
          stdout = ws.cli(...m[1]!.trim().split(/\s+/)).stdout;
        }
        continue;
      }
      const pipeline = /^# (pipelines\/\S+\.yaml)/.exec(block.text)?.[1];
      if (command === undefined || (block.label !== undefined && inputs.includes(block.label))) {
        if (pipeline ?? block.label) ws.write((pipeline ?? block.label)!, block.text);
      } else if (block.label) {
        const json = block.label.endsWith('.json');
        const mask = (text: string) => (json ? JSON.stringify(JSON.parse(text), null, 2).replace(TIME, '"<time>"') : text.replace(ID, '<id>'));
        checks.push({ what: block.label, expected: mask(block.text), actual: mask(readLabelled(ws, block.label)) });
      } else if (block.lang === 'text') {
        checks.push({ what: `the output of ${command}`, expected: block.text.replace(ID, '<id>').trimEnd(), actual: stdout.replace(ID, '<id>').trimEnd() });
      }
    }
    if (command === undefined) throw new Error('the example runs no `npx dropline ...` command');
    return checks;
  } finally {
    ws.remove();
  }
}

/** The file a label names; a run id in its name matches any run id. */
function readLabelled(ws: TestWorkspace, label: string): string {
  if (!/\d{8}T\d{9}Z/.test(label)) return ws.read(label);
  const pattern = new RegExp(`^${basename(label).replace(/[.]/g, '\\.').replace(ID, '\\d{8}T\\d{9}Z')}$`);
  const found = readdirSync(ws.path(dirname(label))).filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`${label}: ${found.length} files match in ${dirname(label)}`);
  return readFileSync(ws.path(dirname(label), found[0]!), 'utf8');
}
