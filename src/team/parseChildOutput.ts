import type { RunOutcome } from './RunLog.js';

/** The last `error[CODE]: message` line a dropline process wrote to stderr. */
const ERROR_LINE = /^error\[([A-Z_]+)\]: .*$/gm;

/**
 * What `dropline run <pipeline> --json` left: the summary's runId and
 * snapshot from its stdout (one JSON object; on exit 5 it also holds the
 * error), the error line from its stderr.
 */
export function parseChildOutput(exit: number | null, stdout: string, stderr: string): RunOutcome & { code: string | null } {
  let summary: { runId?: unknown; snapshot?: unknown } = {};
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    summary = JSON.parse(last) as typeof summary;
  } catch {
    // No summary: the run failed before it had one (the error line says why) or the process was killed.
  }
  const lines = [...stderr.matchAll(ERROR_LINE)];
  const error = lines.at(-1);
  return {
    exit,
    runId: typeof summary.runId === 'string' ? summary.runId : null,
    snapshot: typeof summary.snapshot === 'string' ? summary.snapshot : null,
    error: error ? error[0] : null,
    code: error ? error[1]! : null,
  };
}
