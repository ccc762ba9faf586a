/** The pinned snapshot ids from pins.json's parsed JSON, or why it is not a list of ids. */
export function parsePins(value: unknown, isId: (id: string) => boolean): Set<string> | Error {
  if (!Array.isArray(value)) return new Error('not a JSON list');
  const bad = value.find((v) => typeof v !== 'string' || !isId(v));
  if (bad !== undefined) return new Error(`${JSON.stringify(bad)} is not a snapshot id`);
  return new Set(value as string[]);
}
