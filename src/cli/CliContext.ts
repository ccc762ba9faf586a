import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Container } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { createContainerWithPlugins } from '../container/createContainer.js';
import type { Logger } from '../logging/Logger.js';
import { WinstonLogger } from '../logging/WinstonLogger.js';
import { findWorkspaceRoot } from '../workspace/findWorkspaceRoot.js';

/** Where the CLI writes: stdout for results, stderr for logs, progress and errors. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  interactive: boolean;
  /** Whether to colour log levels on stderr (NO_COLOR, FORCE_COLOR, else a terminal); off when absent. */
  color?: boolean;
}

export interface GlobalOptions {
  root?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** `--set NAME=value`, repeatable. */
  set?: Record<string, string>;
}

/** Per-invocation state: the IO and, on first use, the container and logger. */
export class CliContext {
  private container?: Container;
  private logger?: Logger;

  constructor(
    readonly io: CliIO,
    readonly cwd: string,
  ) {}

  /** The container, with the workspace's plug-ins and, given a pipeline, those its definition lists. */
  async services(globals: GlobalOptions, pipeline?: string): Promise<Container> {
    if (!this.container) {
      const root = this.root(globals);
      this.logger = WinstonLogger.create({ level: globals.verbose ? 'debug' : globals.quiet ? 'error' : 'warn', console: true, colors: this.io.color ?? false });
      this.container = await createContainerWithPlugins({ root, logger: this.logger, variables: globals.set ?? {} }, pipeline);
    }
    return this.container;
  }

  /** `--root` as given, else the nearest folder holding pipelines/ from the current directory up. */
  private root(globals: GlobalOptions): string {
    if (globals.root !== undefined) {
      const root = resolve(this.cwd, globals.root);
      if (!existsSync(root)) throw new DroplineError('USAGE', `workspace root ${root} does not exist; check --root, or create a workspace there with: dropline init ${root}`);
      return root;
    }
    const found = findWorkspaceRoot(this.cwd);
    if (found === undefined) {
      throw new DroplineError(
        'WORKSPACE_NOT_FOUND',
        `no dropline workspace here: neither ${this.cwd} nor any folder above it holds pipelines/; create one with: dropline init, or name one with --root <dir>`,
      );
    }
    return found;
  }

  async close(): Promise<void> {
    await this.logger?.close();
  }
}
