import { stateDamaged } from '../snapshots/stateDamaged.js';
import { readIfExists } from '../util/readIfExists.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CleanPlan } from './PipelineHistory.js';

/** The plan of a clean a crash interrupted, or null when none is pending; a marker that cannot be read stops the caller. */
export async function readCleanMarker(marker: string, workspace: Workspace, pipeline: string): Promise<CleanPlan | null> {
  const todo = `delete it and run dropline clean ${pipeline} --yes again to finish starting over`;
  const damaged = (err: unknown) => stateDamaged(workspace.display(marker), 'the record of an interrupted clean is damaged', todo, pipeline, err);
  const text = await readIfExists(marker).catch((err: unknown) => {
    throw damaged(err);
  });
  if (text === null) return null;
  try {
    const plan = JSON.parse(text) as CleanPlan;
    if (!Array.isArray(plan.rejects) || !Array.isArray(plan.requeue)) throw new Error('rejects or requeue is not a list');
    return plan;
  } catch (err) {
    throw damaged(err);
  }
}
