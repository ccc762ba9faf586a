/** The pinned snapshot ids from pins.json's text, or why it is not a JSON list of ids. */
export function parsePins(text: string, isId: (id: string) => boolean): Set<string> | Error {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return err as Error;
  }
  if (!Array.isArray(value)) return new Error('not a JSON list');
  const bad = value.find((v) => typeof v !== 'string' || !isId(v));
  if (bad !== undefined) return new Error(`${JSON.stringify(bad)} is not a snapshot id`);
  return new Set(value as string[]);
}
