import type { AlertDefinition } from '../definition/PipelineDefinition.js';
import { sha256 } from '../util/sha256.js';

/** A webhook to deliver to: its URL (null while its variable is unset) and an id safe to record (never the URL). */
export interface AlertTarget {
  id: string;
  /** For messages: the variable's name, or the URL's origin. */
  name: string;
  url: string | null;
  /** Why it cannot be delivered to (url null). */
  problem?: string;
  definition: AlertDefinition;
}

/**
 * The webhooks of a pipeline: its definition's `alerts:` and dropline.yaml's,
 * both, a URL listed twice (by either, directly or through a variable) once,
 * the first listing's retry settings kept.
 */
export function alertTargets(own: AlertDefinition[], workspace: AlertDefinition[], variable: (name: string) => string | undefined): AlertTarget[] {
  const targets = new Map<string, AlertTarget>();
  for (const definition of [...own, ...workspace]) {
    const url = definition.url ?? (definition.urlEnv !== undefined ? variable(definition.urlEnv) : undefined) ?? null;
    if (url === null || url === '') {
      const id = `env:${definition.urlEnv}`;
      const problem = `the environment variable ${definition.urlEnv} (urlEnv) is not set; set it to the webhook's URL`;
      if (!targets.has(id)) targets.set(id, { id, name: `$${definition.urlEnv}`, url: null, problem, definition });
      continue;
    }
    const id = sha256(url).slice(0, 16);
    if (targets.has(id)) continue;
    let name = definition.urlEnv !== undefined ? `$${definition.urlEnv}` : url;
    if (definition.urlEnv === undefined) {
      try {
        name = new URL(url).origin;
      } catch {
        // shown as written
      }
    }
    targets.set(id, { id, name, url, definition });
  }
  return [...targets.values()];
}
