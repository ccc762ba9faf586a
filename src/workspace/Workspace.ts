import { isAbsolute, relative, resolve } from 'node:path';
import { DroplineError } from '../errors/DroplineError.js';

/** The folder holding pipelines/, input/, output/ and snapshots/; resolves paths inside it. */
export class Workspace {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get pipelinesDir(): string {
    return resolve(this.root, 'pipelines');
  }

  /** Resolves a path from a definition; it must stay inside the workspace. */
  resolve(path: string, setting = 'path'): string {
    const full = resolve(this.root, path);
    const rel = relative(this.root, full);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new DroplineError('DEFINITION_INVALID', `${setting} "${path}" points outside the workspace ${this.root}; use a path inside it`, { key: setting });
    }
    return full;
  }

  /** A path for messages: relative to the workspace when inside it. */
  display(path: string): string {
    const rel = relative(this.root, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  }
}
