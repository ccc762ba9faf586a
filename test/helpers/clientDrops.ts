import { utimesSync } from 'node:fs';
import { expect } from 'chai';
import { csv, demoYaml, type TestWorkspace } from './workspace.js';

/** A workspace plug-in that sets the clock from DROPLINE_TEST_NOW, so runs (and status) happen at a chosen instant. */
export const CLOCK_PLUGIN = `
import { ContainerModule, TOKENS } from 'dropline-cli';
export default new ContainerModule(({ rebind }) => {
  const now = process.env.DROPLINE_TEST_NOW;
  if (now) rebind(TOKENS.Clock).toConstantValue({ now: () => new Date(now) });
});
`;

/** A client's pipeline: the demo schema with the client's own drop, archive and output; `extra` merged over it. */
export function clientYaml(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return demoYaml({
    name,
    source: { type: 'directory', path: `input/${name}`, pattern: '*.csv', archive: `input/${name}-processed` },
    output: { path: `output/${name}/latest.csv` },
    ...extra,
  });
}

/** `rows` rows of the demo schema (ids `<prefix>-<n>`), under `header`. */
export function clientRows(prefix: string, rows: number, header = ['id', 'description', 'timestamp']): string {
  const body = Array.from({ length: rows }, (_, i) => [`${prefix}-${i}`, `row ${i}`, '2029-12-01']);
  return csv([header, ...body]);
}

/** Drops `content` as `input/<pipeline>/<file>`, modified at `at`, and runs the pipeline with the clock at `at`. */
export function dropAndRun(ws: TestWorkspace, pipeline: string, file: string, content: string, at: string): { code: number; stderr: string } {
  ws.write(`input/${pipeline}/${file}`, content);
  utimesSync(ws.path('input', pipeline, file), new Date(at), new Date(at));
  const r = ws.cliWithEnv({ DROPLINE_TEST_NOW: at }, 'run', pipeline, '--json');
  expect(r.stdout, r.stderr).to.not.equal('');
  return { code: r.code, stderr: r.stderr };
}

/** Weekly drops at noon UTC from 2030-01-01: the n-th drop's day. */
export function week(n: number): string {
  const day = new Date(Date.UTC(2030, 0, 1 + 7 * n, 12));
  return day.toISOString();
}

/** A client's usual weekly history: five drops of about 100 rows (98 to 104). */
export function usualHistory(ws: TestWorkspace, pipeline: string): void {
  [98, 100, 104, 101, 99].forEach((rows, n) => {
    const r = dropAndRun(ws, pipeline, `${pipeline}-${n}.csv`, clientRows(`${pipeline}${n}`, rows), week(n));
    expect(r.code, r.stderr).to.equal(0);
  });
}
