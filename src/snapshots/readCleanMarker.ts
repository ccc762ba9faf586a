import { readStateJson } from './readStateJson.js';
import type { Workspace } from '../workspace/Workspace.js';
import type { CleanPlan } from './CleanPlan.js';

/** The plan of a clean a crash interrupted, or null when none is pending; a marker that cannot be read stops the caller. */
export function readCleanMarker(marker: string, workspace: Workspace, pipeline: string): Promise<CleanPlan | null> {
  const todo = `delete it and run dropline clean ${pipeline} --yes again to finish starting over`;
  const file = { path: marker, shown: workspace.display(marker), pipeline, what: 'the record of an interrupted clean', todo };
  return readStateJson(file, (value) => {
    const plan = value as CleanPlan;
    return typeof plan === 'object' && plan !== null && Array.isArray(plan.rejects) && Array.isArray(plan.requeue) ? plan : new Error('rejects or requeue is not a list');
  });
}
