import type { Faker } from '@faker-js/faker';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { driftHeaderName } from './driftHeaderName.js';

/** One file of a drop before it is written. */
export interface DraftFile {
  header: string[];
  rows: string[][];
}

const BAD_ROW_SHARE = 0.01;
const EXTRA_COLUMN = 'notes';

/**
 * Adds the drift real drops have, so validation has work to do: renamed headers
 * in about a third of the files, shuffled columns and an extra `notes` column in
 * about a fifth, one optional column left out of one file, and about 1% broken
 * rows (impossible date, empty key, empty timestamp, a field too many or too
 * few). Key and timestamp headers are never removed. Mutates `files`.
 */
export function applyDrift(faker: Faker, definition: PipelineDefinition, files: DraftFile[]): void {
  const { key, timestamp } = definition.schema;
  // The schema column at each position of each file, tracked through the edits below.
  const layouts = files.map((file) => file.header.slice() as (string | undefined)[]);
  const pick = (share: number): DraftFile[] => faker.helpers.arrayElements(files, Math.max(1, Math.round(files.length * share)));

  const optional = definition.schema.columns.filter((c) => !c.required && !key.includes(c.name) && c.name !== timestamp);
  if (optional.length > 0) {
    const file = faker.helpers.arrayElement(files);
    const at = file.header.indexOf(faker.helpers.arrayElement(optional).name);
    removeField(file, at);
    layouts[files.indexOf(file)]!.splice(at, 1);
  }
  for (const file of pick(1 / 3)) {
    const renamed = faker.helpers.arrayElements(
      file.header.map((_, i) => i),
      { min: 1, max: file.header.length },
    );
    for (const i of renamed) file.header[i] = driftHeaderName(faker, file.header[i]!);
  }
  const extra = definition.schema.columns.some((c) => c.name === EXTRA_COLUMN) ? `${EXTRA_COLUMN}_extra` : EXTRA_COLUMN;
  for (const file of pick(1 / 5)) {
    file.header.push(extra);
    layouts[files.indexOf(file)]!.push(undefined);
    for (const row of file.rows) row.push(faker.datatype.boolean(0.2) ? faker.lorem.sentence() : '');
  }
  for (const file of pick(1 / 5)) {
    const order = faker.helpers.shuffle(file.header.map((_, i) => i));
    file.header = order.map((i) => file.header[i]!);
    file.rows = file.rows.map((row) => order.map((i) => row[i]!));
    const layout = layouts[files.indexOf(file)]!;
    layouts[files.indexOf(file)] = order.map((i) => layout[i]);
  }
  breakRows(faker, files, layouts, key, timestamp);
}

function removeField(file: DraftFile, at: number): void {
  file.header.splice(at, 1);
  for (const row of file.rows) row.splice(at, 1);
}

/** Breaks about 1% of all rows (at least one), each in one of five ways. */
function breakRows(faker: Faker, files: DraftFile[], layouts: (string | undefined)[][], key: string[], timestamp: string): void {
  const offsets: number[] = [];
  let total = 0;
  for (const file of files) {
    offsets.push(total);
    total += file.rows.length;
  }
  const count = Math.min(total, Math.max(1, Math.round(total * BAD_ROW_SHARE)));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(faker.number.int({ max: total - 1 }));
  for (const index of [...chosen].sort((a, b) => a - b)) {
    let f = files.length - 1;
    while (offsets[f]! > index) f--;
    const row = files[f]!.rows[index - offsets[f]!]!;
    const layout = layouts[f]!;
    const tsAt = layout.indexOf(timestamp);
    switch (faker.helpers.arrayElement(['date', 'key', 'timestamp', 'long', 'short'] as const)) {
      case 'date':
        row[tsAt] = impossibleDate(faker, row[tsAt]!);
        break;
      case 'key':
        row[layout.indexOf(faker.helpers.arrayElement(key))] = '';
        break;
      case 'timestamp':
        row[tsAt] = '';
        break;
      case 'long':
        row.push(faker.lorem.word());
        break;
      case 'short':
        row.pop();
        break;
    }
  }
}

/** `2021-13-07` or `2021-06-45` from a real date; a plain impossible date otherwise. */
function impossibleDate(faker: Faker, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return '2021-13-45';
  const [whole, year, month, day] = match;
  const broken = faker.datatype.boolean() ? `${year}-13-${day}` : `${year}-${month}-45`;
  return broken + value.slice(whole.length);
}
