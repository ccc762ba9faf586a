import { definitionError } from '../errors/definitionError.js';
import { quoteCsvField } from '../csv/quoteCsvField.js';
import { sha256 } from '../util/sha256.js';
import type ExcelJS from 'exceljs';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { loadOptional } from '../util/loadOptional.js';
import { TOKENS } from '../tokens.js';
import type { InputContent } from './BaseSource.js';
import { DirectorySource } from './DirectorySource.js';
import { inBatches } from './inBatches.js';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import type { RawRow, SourceInput } from './Source.js';
import type { SourceContext } from './SourceContext.js';

/** One sheet read: its header (row 1) and its non-empty records. */
interface Sheet {
  name: string;
  header: string[];
  rows: RawRow[];
}

/**
 * The built-in `xlsx` source: Excel workbooks dropped in `source.path`, with
 * the folder semantics of the directory source (file-name order, archive,
 * quarantine). Set `source.pattern: "*.xlsx"`. Row 1 of a sheet is the header,
 * later non-empty rows are records, `line` is the sheet row number. Reads the
 * sheet `options.sheet` (default: the first), or with `options.allSheets` every
 * sheet in workbook order, which must then share one header.
 */
@injectable()
export class XlsxSource extends DirectorySource {
  static override options: OptionsSchema = {
    sheet: { type: 'string', description: 'the sheet to read (default: the first sheet)' },
    allSheets: { type: 'boolean', default: false, description: 'read every sheet, in workbook order; their headers must be identical' },
  };

  constructor(@inject(TOKENS.SourceContext) context: SourceContext) {
    super(checked(context));
    if (context.definition.source.pattern === '*.csv') {
      context.logger.warn('source.pattern is "*.csv" for an xlsx source; set source.pattern: "*.xlsx" to pick up workbooks');
    }
  }

  /** Workbooks are zip files already: no `.gz` forms. */
  protected override readsGzip(): boolean {
    return false;
  }

  protected override async read(input: SourceInput): Promise<InputContent> {
    const bytes = await this.readBytes(input);
    // exceljs is large and optional: loaded only when a workbook is read, installed only by those who read workbooks.
    const { default: Excel } = await loadOptional<{ default: typeof ExcelJS }>('exceljs', 'the xlsx source');
    const workbook = new Excel.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    } catch (err) {
      const why = (err as Error).message;
      throw new DroplineError(
        'SOURCE_UNREADABLE',
        `${input.name}: is not an Excel workbook (.xlsx) that can be opened (${why}); save it from Excel as .xlsx`,
        { file: input.name },
        { cause: err },
      );
    }
    const sheets = this.chosenSheets(workbook, input.name)
      .map((w) => readSheet(w, input.name))
      .filter((s) => s.header.length > 0);
    const first = sheets[0];
    const differing = sheets.find((s) => s.header.join('\u0000') !== first!.header.join('\u0000'));
    if (first && differing) {
      throw new DroplineError(
        'SOURCE_UNREADABLE',
        `${input.name}: sheets "${first.name}" and "${differing.name}" have different headers (${first.header.join(', ')} vs ${differing.header.join(', ')}); with source.options.allSheets every sheet must have the same header`,
        { file: input.name },
      );
    }
    const rows = sheets.flatMap((s) => s.rows);
    const table = { fingerprint: sha256(bytes), header: first?.header ?? [], rows: inBatches(rows) };
    return { kind: 'table', table };
  }

  private chosenSheets(workbook: ExcelJS.Workbook, file: string): ExcelJS.Worksheet[] {
    const { sheet, allSheets } = this.context.options as { sheet?: string; allSheets: boolean };
    if (allSheets) return workbook.worksheets;
    if (sheet === undefined) return workbook.worksheets.slice(0, 1);
    const found = workbook.worksheets.find((w) => w.name === sheet);
    if (!found) {
      const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ') || 'none';
      throw new DroplineError('SOURCE_UNREADABLE', `${file}: has no sheet "${sheet}" (sheets: ${names}); fix source.options.sheet`, { file });
    }
    return [found];
  }
}

/** Refuses definitions the folder semantics cannot work with, before the folders are resolved. */
function checked(context: SourceContext): SourceContext {
  const { definition, options, workspace } = context;
  const fail = (key: string, problem: string): DroplineError => definitionError(workspace.display(definition.file), key, problem, definition.name);
  if (definition.source.path === '') throw fail('source.path', 'is required for type xlsx: the drop folder, e.g. input/processing');
  if (options.allSheets === true && options.sheet !== undefined) throw fail('source.options.sheet', 'cannot be combined with allSheets: true; keep one of them');
  return context;
}

function readSheet(worksheet: ExcelJS.Worksheet, file: string): Sheet {
  const sheet: Sheet = { name: worksheet.name, header: [], rows: [] };
  worksheet.eachRow((row, rowNumber) => {
    const fields: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => void (fields[col - 1] = text(cell.value)));
    const width = Math.max(sheet.header.length, lastNonEmpty(fields) + 1);
    const padded = Array.from({ length: width }, (_, i) => fields[i] ?? '');
    if (padded.every((f) => f === '')) return;
    if (rowNumber === 1) sheet.header = padded;
    else if (sheet.header.length === 0) {
      throw new DroplineError('SOURCE_UNREADABLE', `${file}: sheet "${worksheet.name}" has data but row 1 is empty; put the header in row 1`, { file });
    } else sheet.rows.push({ line: rowNumber, fields: padded, raw: padded.map((f) => quoteCsvField(f)).join(',') });
  });
  return sheet;
}

function lastNonEmpty(fields: string[]): number {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]) return i;
  return -1;
}

/** A cell as text: numbers as written by String(), dates as ISO (date only at UTC midnight), formulas by their result. */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().endsWith('T00:00:00.000Z') ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : text(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return text(value.result);
  if ('error' in value) return value.error;
  return '';
}
