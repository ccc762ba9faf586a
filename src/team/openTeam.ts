import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { Catalog } from './Catalog.js';
import { JobQueue, type JobQueueOptions } from './JobQueue.js';
import { readTeamConfig, type TeamConfig } from './TeamConfig.js';

export interface Team {
  config: TeamConfig;
  catalog: Catalog;
  queue: JobQueue;
  close(): Promise<void>;
}

/** A whole number of seconds from the environment (test hooks for the queue's timing), else undefined. */
function seconds(name: string): number | undefined {
  const value = process.env[name];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * The catalog and the job queue of a team-mode workspace, for `worker`,
 * `enqueue` and `jobs`; USAGE (exit 2) in an embedded workspace.
 */
export async function openTeam(root: string, command: string, logger: Logger, options: Pick<JobQueueOptions, 'worker' | 'onError' | 'cronCheckSeconds'> = {}): Promise<Team> {
  const config = readTeamConfig(root);
  if (config === null) {
    throw new DroplineError('USAGE', `dropline ${command} works in team mode only: this workspace has no catalog: section in dropline.yaml; set one up with: dropline init --team`);
  }
  const catalog = new Catalog(config.catalog, logger);
  try {
    await catalog.query('SELECT 1'); // creates or migrates the tables; CATALOG_UNAVAILABLE when the URL is unset or the server away
    const queue = await JobQueue.open(process.env[config.catalog.urlEnv]!, {
      schema: `${config.catalog.schema}_queue`,
      ...options,
      retryLimit: seconds('DROPLINE_QUEUE_RETRY_LIMIT'),
      retryDelaySeconds: seconds('DROPLINE_QUEUE_RETRY_DELAY'),
    });
    return { config, catalog, queue, close: async () => void (await queue.stop(), await catalog.close()) };
  } catch (err) {
    await catalog.close();
    throw err;
  }
}
