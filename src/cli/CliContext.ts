import type { Container } from 'inversify';
import { createContainer } from '../container/createContainer.js';
import type { Logger } from '../logging/Logger.js';
import { WinstonLogger } from '../logging/WinstonLogger.js';

/** Where the CLI writes: stdout for results, stderr for logs, progress and errors. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  interactive: boolean;
}

export interface GlobalOptions {
  root?: string;
  verbose?: boolean;
  quiet?: boolean;
}

/** Per-invocation state: the IO and, on first use, the container and logger. */
export class CliContext {
  private container?: Container;
  private logger?: Logger;

  constructor(
    readonly io: CliIO,
    readonly cwd: string,
  ) {}

  services(globals: GlobalOptions): Container {
    if (!this.container) {
      this.logger = WinstonLogger.create({ level: globals.verbose ? 'debug' : globals.quiet ? 'error' : 'warn', console: true, colors: this.io.interactive });
      this.container = createContainer({ root: globals.root ?? this.cwd, logger: this.logger });
    }
    return this.container;
  }

  async close(): Promise<void> {
    await this.logger?.close();
  }
}
