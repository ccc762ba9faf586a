import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The merge rule written the plainest way, for checking dropline's output:
 * files in name order, rows in file order, a row replaces the kept one when its
 * (date) timestamp is greater or equal. Returns rows by id.
 */
export function referenceMerge(dir: string, files: string[]): Map<string, { description: string; timestamp: string; source: string }> {
  const latest = new Map<string, { description: string; timestamp: string; source: string }>();
  for (const file of [...files].sort()) {
    const rows = parse(readFileSync(join(dir, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      const kept = latest.get(r.id!);
      if (!kept || r.timestamp! >= kept.timestamp) latest.set(r.id!, { description: r.description!, timestamp: r.timestamp!, source: file });
    }
  }
  return latest;
}
