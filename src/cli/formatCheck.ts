import type { PipelineCheck } from '../container/checkPipelines.js';

/** `dropline check` for a terminal: a line per pipeline, under it a line per problem, then a total. */
export function formatCheck(checks: PipelineCheck[]): string {
  if (checks.length === 0) return 'no pipelines to check: add a definition file under pipelines/';
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(c.ok ? `ok      ${c.name} (${c.file})` : `FAILED  ${c.name} (${c.file}): ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}`);
    for (const p of c.problems) lines.push(`  error[${p.code}]: ${p.message}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  lines.push(failed === 0 ? `all ${checks.length} pipeline(s) load cleanly` : `${failed} of ${checks.length} pipeline(s) have problems; fix them before running`);
  return lines.join('\n');
}
