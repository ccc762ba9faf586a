import { gunzipSync } from 'node:zlib';
import type { DiffCase } from './randomCase.js';

/** A file's text as well as it can be told from its bytes: gunzipped, UTF-16 by its BOM, else one character per byte. */
function text(bytes: Buffer): string {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return plain[0] === 0xff && plain[1] === 0xfe ? plain.subarray(2).toString('utf16le') : plain.toString('latin1');
}

/** The features of issue 13's list that a generated case exercises, named, so a test can check the generator covers them all. */
export function caseFeatures(c: DiffCase): Set<string> {
  const f = new Set<string>();
  const { yaml, columns, delimiter, encoding, extraColumns } = c.definition;
  const keys = columns.filter((col) => col.role === 'key');
  f.add(keys.length > 1 ? 'key:composite' : `key:${keys[0]!.type}`);
  for (const col of columns) {
    f.add(`${col.role === 'timestamp' ? 'timestamp' : 'type'}:${col.type}`);
    if (col.format) f.add(`format:${col.type}`);
    if (col.timezone) f.add(`timezone:${col.timezone.includes('/') ? 'named' : 'offset'}`);
    if (col.thousands) f.add('thousands');
    if (col.aliases.length) f.add('aliases');
  }
  f.add(`delimiter:${JSON.stringify((yaml.source as Record<string, unknown>).delimiter)}`);
  f.add(`delimiter:${JSON.stringify(delimiter)}`);
  f.add(`encoding:${encoding}`);
  f.add(`extraColumns:${extraColumns}`);
  if ((yaml.output as Record<string, unknown>).lineage) f.add('lineage');
  if ((yaml.validation as Record<string, unknown>).badRows === 'fail') f.add('badRows:fail');
  if ((yaml.source as Record<string, unknown>).parser) f.add('parser:csv-parse');
  if (c.runs.length > 1) f.add('several runs');
  const names = new Set<string>();
  for (const run of c.runs) {
    if (run.files.length === 0) f.add('empty drop');
    if (run.files.length > 1) f.add('several files');
    if (run.force) f.add('force');
    if (run.tamper) f.add(`latest.csv ${run.tamper}`);
    for (const [name, bytes] of run.files) {
      if (names.has(name)) f.add('name again in a later run');
      names.add(name);
      if (name.endsWith('.gz')) f.add('gzip');
      if (name !== name.toLowerCase()) f.add('upper-case name');
      const t = text(bytes);
      if (t.startsWith('\ufeff') || t.startsWith('\xef\xbb\xbf')) f.add('utf-8 BOM');
      if (bytes[0] === 0xff && bytes[1] === 0xfe) f.add('utf-16 BOM');
      if (t.includes('\r\n')) f.add('CRLF');
      if (/\n\r?\n/.test(t)) f.add('blank line');
      if (/"[^"]*\n[^"]*"/.test(t)) f.add('line break in quotes');
      if (t.includes('""')) f.add('doubled quote');
      if (/[^\x00-\x7f]/.test(t)) f.add('non-ASCII');
      if (t === '') f.add('empty file');
      if (t.length > 100_000) f.add('big file');
      if (bytes.length > 4 << 20) f.add('file over 4 MB');
    }
  }
  return f;
}
