import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Container } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { createContainer, loadPlugins } from '../container/createContainer.js';
import type { Logger } from '../logging/Logger.js';
import { WinstonLogger } from '../logging/WinstonLogger.js';
import { PipelineContext } from '../scope/PipelineContext.js';
import { openPipeline } from '../scope/openPipeline.js';
import { Catalog } from '../team/Catalog.js';
import { findWorkspaceRoot } from '../workspace/findWorkspaceRoot.js';
import { printable } from './printable.js';
import type { CliIO } from './CliIO.js';
import { type ProgressReporter, progressReporter } from './progressReporter.js';

export type { CliIO };

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
  private scope?: { name: string; container: Promise<Container> };
  private logger?: Logger;
  /** The container this invocation made, whichever command asked for it. */
  private created?: Container;
  /** The progress line on a terminal; whatever else is printed clears it first. */
  private readonly progress: ProgressReporter;
  readonly io: CliIO;

  constructor(
    io: CliIO,
    readonly cwd: string,
  ) {
    this.progress = progressReporter(io);
    // Everything printed passes here: clear the progress line, and never let a client's file name drive the terminal.
    const clearing = (write: (text: string) => void) => (text: string) => {
      this.progress.clear();
      write(printable(text));
    };
    const bytes = io.bytes ?? ((data: Uint8Array) => io.out(Buffer.from(data).toString('utf8')));
    this.io = {
      ...io,
      out: clearing(io.out),
      err: clearing(io.err),
      bytes: (data) => {
        this.progress.clear();
        bytes(data);
      },
    };
  }

  /** The container with the workspace's plug-ins: for commands about the workspace, not one pipeline. */
  async services(globals: GlobalOptions): Promise<Container> {
    if (!this.container) {
      const container = this.create(globals);
      await loadPlugins(container);
      this.container = container;
    }
    return this.container;
  }

  /**
   * The scope of the one pipeline a command is about: its definition loaded
   * once, with the plug-ins it lists; `checked` refuses one whose paths are
   * wrong or clash (commands that change things).
   */
  async pipeline(globals: GlobalOptions, name: string, checked = false): Promise<Container> {
    if (!this.scope) {
      if (this.container) throw new Error(`internal: the scope of pipeline ${name} is opened after the workspace's container`);
      this.scope = { name, container: openPipeline(this.create(globals), name) };
    }
    // One command, one pipeline: its plug-ins are loaded into the container once.
    if (this.scope.name !== name) throw new Error(`internal: pipeline ${name} asked for in a command about ${this.scope.name}`);
    const scope = await this.scope.container;
    if (checked) await scope.get(PipelineContext).check();
    return scope;
  }

  private create(globals: GlobalOptions): Container {
    const root = this.root(globals);
    const level = globals.verbose ? 'debug' : globals.quiet ? 'error' : 'warn';
    this.logger = WinstonLogger.create({ level, console: true, colors: this.io.color ?? false, write: this.io.err });
    this.created = createContainer({ root, logger: this.logger, variables: globals.set ?? {}, progress: this.progress });
    return this.created;
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
    this.progress.clear();
    // Team mode: the catalog's connections end with the command.
    if (this.created?.isBound(Catalog)) await this.created.get(Catalog).close();
    await this.logger?.close();
  }
}
