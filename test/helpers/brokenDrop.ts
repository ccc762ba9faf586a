import type { TestWorkspace } from './workspace.js';

/**
 * A drop mixing clean files with every kind of breakage the validator handles.
 * Written with `delimiter: auto` in mind (one file uses semicolons).
 */
export function writeBrokenDrop(ws: TestWorkspace): void {
  ws.drop('data_01.csv', 'id,description,timestamp\nk1,one,2021-03-01\nk2,two,2021-03-01\nk3,three,2021-03-01\n');
  // Drifted header names, semicolons, a quoted delimiter.
  ws.drop('data_02.csv', 'ID;Time Stamp;descripton\nk1;2021-03-02;one v2\nk4;2021-03-01;"four; with semicolon"\n');
  // BOM, CRLF, columns in another order, an extra column, a quoted line break, trailing blank lines.
  ws.drop('data_03.csv', '\uFEFFTimeStamp,Description ,id,notes\r\n2021-03-03,"three\nv2",k3,some note\r\n2021-02-01,old two,k2,x\r\n\r\n\r\n');
  // An optional column missing altogether.
  ws.drop('data_04.csv', 'timestamp,id\n2021-03-04,k5\n');
  // Bad rows among good ones, and other spellings of dates.
  ws.drop(
    'data_05.csv',
    [
      'id,description,timestamp',
      'k6,bad date,2021-13-45',
      ',no key,2021-03-05',
      'k7,no ts,',
      'k8,too,many,2021-03-05',
      'k9,2021-03-05',
      'k10,slashes,2021/03/05',
      'k11,iso,2021-03-06T10:00:00Z',
      'k1,impossible day,2021-02-30',
    ].join('\n') + '\n',
  );
  ws.drop('data_06_empty.csv', '');
  ws.drop('data_07_header_only.csv', 'id,description,timestamp\n');
  // Files that cannot be used at all.
  ws.drop('q_binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
  ws.drop('q_latin1.csv', Buffer.from('id,description,timestamp\nk20,caf\xe9,2021-03-01\n', 'latin1'));
  ws.drop('q_unbalanced.csv', 'id,description,timestamp\nk21,"never closed,2021-03-01\nk22,x,2021-03-01\n');
  ws.drop('q_missing_ts.csv', 'id,description\nk23,x\n');
  ws.drop('q_ambiguous.csv', 'id,timestamp,descriptio,descripton\nk24,2021-03-01,a,b\n');
  ws.drop('q_duplicate.csv', 'id,ID,timestamp\nk25,k25,2021-03-01\n');
}

/** latest.csv that the clean rows of the broken drop imply. */
export const BROKEN_DROP_LATEST = [
  { id: 'k1', description: 'one v2', timestamp: '2021-03-02', source_filename: 'data_02.csv' },
  { id: 'k10', description: 'slashes', timestamp: '2021-03-05', source_filename: 'data_05.csv' },
  { id: 'k11', description: 'iso', timestamp: '2021-03-06', source_filename: 'data_05.csv' },
  { id: 'k2', description: 'two', timestamp: '2021-03-01', source_filename: 'data_01.csv' },
  { id: 'k3', description: 'three\nv2', timestamp: '2021-03-03', source_filename: 'data_03.csv' },
  { id: 'k4', description: 'four; with semicolon', timestamp: '2021-03-01', source_filename: 'data_02.csv' },
  { id: 'k5', description: '', timestamp: '2021-03-04', source_filename: 'data_04.csv' },
];

/** Every bad row: file, line, reason code, raw line. */
export const BROKEN_DROP_REJECTS = [
  ['data_05.csv', '2', 'BAD_VALUE', 'k6,bad date,2021-13-45'],
  ['data_05.csv', '3', 'MISSING_KEY', ',no key,2021-03-05'],
  ['data_05.csv', '4', 'MISSING_TIMESTAMP', 'k7,no ts,'],
  ['data_05.csv', '5', 'TOO_MANY_FIELDS', 'k8,too,many,2021-03-05'],
  ['data_05.csv', '6', 'TOO_FEW_FIELDS', 'k9,2021-03-05'],
  ['data_05.csv', '9', 'BAD_VALUE', 'k1,impossible day,2021-02-30'],
];

/** Every unusable file and the code its error.json carries. */
export const BROKEN_DROP_QUARANTINE: Record<string, string> = {
  'q_ambiguous.csv': 'AMBIGUOUS_HEADER',
  'q_binary.csv': 'UNREADABLE',
  'q_duplicate.csv': 'DUPLICATE_HEADER',
  'q_latin1.csv': 'UNREADABLE',
  'q_missing_ts.csv': 'MISSING_COLUMN',
  'q_unbalanced.csv': 'UNREADABLE',
};
