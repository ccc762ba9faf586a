import { readIfExists } from '../util/readIfExists.js';
import { stateDamaged } from './stateDamaged.js';

export interface StateFile {
  /** Where it is on disk. */
  path: string;
  /** The path shown in messages (workspace-relative). */
  shown: string;
  pipeline: string;
  /** What it holds, for messages: `the list of pinned snapshots`. */
  what: string;
  /** What the user should do when it is damaged. */
  todo: string;
}

/**
 * A JSON state file as `check` reads it, or null when the file does not exist.
 * Anything else (unreadable, not JSON, not what `check` expects) is a
 * STATE_DAMAGED error naming the file: damaged state is never read as "nothing".
 */
export async function readStateJson<T>(file: StateFile, check: (value: unknown) => T | Error): Promise<T | null> {
  const text = await readIfExists(file.path).catch((err: unknown) => {
    throw stateDamaged(file.shown, `${file.what} cannot be read`, file.todo, file.pipeline, err);
  });
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw stateDamaged(file.shown, `${file.what} is damaged`, file.todo, file.pipeline, err);
  }
  const checked = check(value);
  if (checked instanceof Error) throw stateDamaged(file.shown, `${file.what} is damaged`, file.todo, file.pipeline, checked);
  return checked;
}
