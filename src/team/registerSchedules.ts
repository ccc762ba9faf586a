import type { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { JobQueue } from './JobQueue.js';

/**
 * Registers the `schedule:` of every pipeline with pg-boss (one schedule per
 * pipeline queue; registering again replaces it) and removes the schedules of
 * pipelines that no longer have one. Returns what it did, one line each.
 */
export async function registerSchedules(loader: DefinitionLoader, queue: JobQueue): Promise<string[]> {
  const lines: string[] = [];
  const scheduled = new Set<string>();
  for (const { name, error } of await loader.list()) {
    if (error !== undefined) continue; // a broken definition keeps its schedule until it loads again
    const { schedule } = await loader.load(name);
    if (schedule === undefined) continue;
    await queue.schedule(name, schedule.cron, schedule.timezone);
    scheduled.add(name);
    lines.push(`schedule of ${name}: "${schedule.cron}" (${schedule.timezone})`);
  }
  for (const name of await queue.unscheduleOthers(scheduled)) lines.push(`schedule of ${name}: removed (its definition has none)`);
  return lines;
}
