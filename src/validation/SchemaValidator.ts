import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { RawRow } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { delimiterHint } from './headers/delimiterHint.js';
import { matchHeaders } from './headers/HeaderMatcher.js';
import { RowValidator } from './RowValidator.js';
import type { FileRejection, HeaderMapping, RowResult, Validator } from './Validator.js';

/**
 * The built-in Validator: maps drifting headers onto the schema (exact, alias,
 * then fuzzy above the threshold; one-to-one; never guesses between equals) and
 * coerces every value to its canonical text.
 */
@injectable()
export class SchemaValidator implements Validator {
  private readonly rows = new RowValidator();

  constructor(@inject(TOKENS.Logger) private readonly logger: Logger) {}

  mapHeader(definition: PipelineDefinition, header: string[], file: string): HeaderMapping | FileRejection {
    const columns = definition.schema.columns;
    const result = matchHeaders(header, columns, definition.validation.headerThreshold);
    if (result.duplicate) return { code: 'DUPLICATE_HEADER', message: result.duplicate.message };
    if (result.ambiguous) return { code: 'AMBIGUOUS_HEADER', message: result.ambiguous.message };
    const byColumn = new Map(result.matches.map((m) => [m.column, m]));
    const missing = columns.filter((c) => c.required && !byColumn.has(c.name)).map((c) => c.name);
    if (missing.length > 0) {
      const found = header.map((h) => JSON.stringify(h)).join(', ');
      const list = missing.map((m) => `"${m}"`).join(', ');
      const todo = delimiterHint(header, definition.source.delimiter) ?? `add ${missing.length > 1 ? 'them' : 'it'}, or list the client's name under aliases`;
      return { code: 'MISSING_COLUMN', message: `required column${missing.length > 1 ? 's' : ''} ${list} not found in the header (found: ${found}); ${todo}` };
    }
    const policy = definition.validation.extraColumns;
    if (policy === 'quarantine' && result.unmatched.length > 0) {
      const names = result.unmatched.map((u) => `"${u.header}"`).join(', ');
      return { code: 'EXTRA_COLUMN', message: `column${result.unmatched.length > 1 ? 's' : ''} ${names} not in the schema and validation.extraColumns is quarantine` };
    }
    for (const m of result.matches) {
      if (m.how !== 'exact') this.logger.info(`"${m.header}" -> ${m.column} (${m.score.toFixed(2)})`, { file, how: m.how });
    }
    const keep = policy === 'keep' ? result.unmatched : [];
    const taken = new Set([...columns.map((c) => c.name), ...(definition.output.lineage === undefined ? [] : [definition.output.lineage])]);
    for (const u of keep) {
      const name = u.header.trim();
      if (taken.has(name)) {
        return {
          code: 'DUPLICATE_HEADER',
          message: `extra column "${name}" would be kept, but the output already has a column of that name; rename it in the file or drop extra columns (validation.extraColumns: drop)`,
        };
      }
      taken.add(name);
    }
    for (const u of result.unmatched) {
      this.logger.info(`extra column "${u.header}" ${policy === 'keep' ? 'kept' : 'dropped'}`, { file });
    }
    return {
      fieldIndex: [...columns.map((c) => byColumn.get(c.name)?.index ?? -1), ...keep.map((u) => u.index)],
      outputColumns: [...columns.map((c) => c.name), ...keep.map((u) => u.header.trim())],
      matches: result.matches,
      extras: result.unmatched.map((u) => ({ header: u.header, index: u.index, action: policy === 'keep' ? 'kept' : 'dropped' })),
      width: header.length,
    };
  }

  validateRow(definition: PipelineDefinition, mapping: HeaderMapping, row: RawRow, file: string): RowResult {
    return this.rows.validateRow(definition, mapping, row, file);
  }
}
