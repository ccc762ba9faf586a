import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { PublishContext, PublishedState, Sink } from './Sink.js';
import type { SinkContext } from './SinkContext.js';

const STATE_FILE = 'published.json';

/**
 * The base of every Sink. A subclass implements one method, `write(context)`:
 * make the target show `context.table` (all of it, all or nothing). The base
 * times and logs each publish and remembers which snapshot it published in a
 * state file beside the pipeline's snapshots, so `dropline sync` knows what is
 * behind. A sink that can record that together with the data, in the same
 * transaction (as the SQLite and PostgreSQL sinks do), overrides `published()`
 * and `record()`.
 */
@injectable()
export abstract class BaseSink implements Sink {
  /** The options this sink accepts under `sinks[n].options`. */
  static options: OptionsSchema = {};

  constructor(@inject(TOKENS.SinkContext) protected readonly context: SinkContext) {}

  protected abstract write(context: PublishContext): Promise<void>;

  async check(): Promise<void> {}

  async published(): Promise<PublishedState> {
    try {
      return (JSON.parse(await readFile(join(this.context.stateDir, STATE_FILE), 'utf8')) as { snapshot: string | null }).snapshot;
    } catch {
      return undefined;
    }
  }

  async publish(context: PublishContext): Promise<void> {
    const started = Date.now();
    await this.write(context);
    const id = context.snapshot?.id ?? null;
    await this.record(id);
    const rows = context.snapshot?.latest.rows ?? context.table.rows.length;
    const what = id === null ? 'emptied the sink (the pipeline has no snapshot)' : `published snapshot ${id} (${rows} rows)`;
    this.context.logger.info(`${this.context.key}: ${what} in ${Date.now() - started} ms`, { snapshot: id, rows });
  }

  /** Remembers what was published; runs only after `write` succeeded. */
  protected async record(id: string | null): Promise<void> {
    await mkdir(this.context.stateDir, { recursive: true });
    await atomicWrite(join(this.context.stateDir, STATE_FILE), JSON.stringify({ snapshot: id, publishedAt: this.context.clock.now().toISOString() }) + '\n');
  }
}
