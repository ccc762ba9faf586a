import { readdirSync, readFileSync } from 'node:fs';
import { TestWorkspace } from './workspace.js';

/** A seeded synthetic drop held in memory: file name -> content, in name order. */
export function generatedDrop(options: { rows: number; files: number; ids: number; seed: number }): [string, Buffer][] {
  const ws = new TestWorkspace();
  try {
    const r = ws.cli('generate', 'demo', '--rows', String(options.rows), '--files', String(options.files), '--ids', String(options.ids), '--seed', String(options.seed));
    if (r.code !== 0) throw new Error(`generate failed: ${r.stderr}`);
    const dir = ws.path('input', 'processing');
    return readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(`${dir}/${name}`)] as [string, Buffer]);
  } finally {
    ws.remove();
  }
}

/** latest.csv of one run over these files in a fresh workspace. */
export function latestOf(files: [string, Buffer][]): string {
  const ws = new TestWorkspace();
  try {
    for (const [name, content] of files) ws.drop(name, content);
    const { code, stderr } = ws.run();
    if (code !== 0) throw new Error(`reference run failed: ${stderr}`);
    return ws.read('output/latest.csv');
  } finally {
    ws.remove();
  }
}
