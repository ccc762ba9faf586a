/** A quoted SQL identifier (SQLite and PostgreSQL): `"my ""odd"" name"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
