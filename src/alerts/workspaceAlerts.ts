import type { ServiceIdentifier } from 'inversify';
import { Fields } from '../definition/Fields.js';
import type { AlertDefinition } from '../definition/PipelineDefinition.js';
import { parseAlerts } from '../definition/parseAlerts.js';
import { readWorkspaceConfig, WORKSPACE_CONFIG } from '../workspace/readWorkspaceConfig.js';

/** The webhooks `alerts:` in dropline.yaml lists, for every pipeline of the workspace (bound by createContainer). */
export const WORKSPACE_ALERTS = Symbol.for('dropline.WorkspaceAlerts') as ServiceIdentifier<AlertDefinition[]>;

/**
 * `alerts:` of `<root>/dropline.yaml` (none without the file or the key), read
 * as a definition's `alerts:` is; the file's other keys are other readers'
 * (team mode's `catalog:`/`blobs:`). Read when the container is made, so a
 * mistake fails every command at once, not a run after its commit.
 */
export function readWorkspaceAlerts(root: string): AlertDefinition[] {
  const settings = readWorkspaceConfig(root);
  if (settings === null) return [];
  return parseAlerts(new Fields(WORKSPACE_CONFIG, '', settings));
}
