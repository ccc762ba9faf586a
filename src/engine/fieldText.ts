/** The text of field `f` of a record scanned by scanRecord (`fields`: start, end, quoted per field), inner quotes undoubled. */
export function fieldText(text: Buffer, fields: number[], f: number): string {
  const value = text.toString('utf8', fields[f * 3]!, fields[f * 3 + 1]!);
  return fields[f * 3 + 2] === 1 ? value.replace(/""/g, '"') : value;
}
