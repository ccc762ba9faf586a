/** The fields of one line dropline wrote (quoteCsvField, ','), line end excluded. */
export function splitCsvRow(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = line.indexOf('"', from);
        value += line.slice(from, close);
        if (line.charCodeAt(close + 1) !== 34) {
          i = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= line.length) return fields;
    i++;
  }
}
