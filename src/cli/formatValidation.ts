import type { ValidationReport } from '../runner/DropInspector.js';
import { formatIgnored } from './formatIgnored.js';

/** The human form of a `validate` report. */
export function formatValidation(report: ValidationReport): string {
  const lines: string[] = [];
  if (report.files.length === 0) lines.push(`pipeline ${report.pipeline}: ${report.ignored.length === 0 ? 'the drop is empty' : 'the drop holds nothing to read'}`);
  for (const f of report.files) {
    if (f.status === 'quarantine') lines.push(`${f.file}: would be quarantined: ${f.reason!.code}: ${f.reason!.message}`);
    else if (f.status === 'skip') lines.push(`${f.file}: would be skipped: ${f.reason!.message}`);
    else lines.push(`${f.file}: ${f.rows} rows, ${f.rejected} would be rejected`);
    for (const m of f.matches) if (m.how !== 'exact') lines.push(`  header "${m.header}" -> ${m.column} (${m.how} ${m.score.toFixed(2)})`);
    for (const e of f.extras) lines.push(`  extra column "${e.header}" ${e.action}`);
    for (const r of f.rejects) lines.push(`  line ${r.line} ${r.code}: ${r.message}`);
    if (f.rejected > f.rejects.length) lines.push(`  ... and ${f.rejected - f.rejects.length} more`);
  }
  const ignored = formatIgnored(report.ignored);
  if (ignored) lines.push(ignored);
  lines.push(`total: ${report.rows.read} rows read, ${report.rows.valid} valid, ${report.rows.rejected} would be rejected; nothing was changed`);
  return lines.join('\n');
}
