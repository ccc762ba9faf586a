/** Table names a sink accepts in its `table` option: plain identifiers, no quoting needed in queries. */
export const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The default table name for a pipeline: lower case, every sign other than a
 * letter, digit or `_` as `_` (`clients/acme` -> `clients_acme`), so it can be
 * queried without quotes.
 */
export function tableName(pipeline: string): string {
  const safe = pipeline.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[0-9]/.test(safe) ? `p_${safe}` : safe;
}
