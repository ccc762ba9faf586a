import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTeamConfig, WORKSPACE_CONFIG } from '../team/TeamConfig.js';

/** The dropline.yaml `init --team` writes: team mode with every default written out. */
export const TEAM_CONFIG_TEXT = `# Team mode: runs spread over workers, state shared through PostgreSQL (docs/team.md).
# Without a catalog: section a workspace keeps its state in files (embedded mode).
catalog:
  type: postgres
  # The catalog's URL is read from this environment variable (never put a password in this file):
  #   export DROPLINE_CATALOG_URL=postgres://user:password@host:5432/db
  urlEnv: DROPLINE_CATALOG_URL
  # dropline's tables live in this PostgreSQL schema (created on first use).
  schema: dropline
  # A run's lease on its pipeline lasts this long unless renewed (its process renews it every third of it).
  leaseSeconds: 30
blobs:
  type: directory
  # Snapshot content, under the workspace: a folder every worker reaches (a shared mount).
  path: blobs
`;

/**
 * Writes dropline.yaml for team mode into workspace `dir`, unless one is
 * there: `written` true when it wrote it; `team` whether the file now in
 * place puts the workspace in team mode (one already there may not).
 */
export async function writeTeamConfig(dir: string): Promise<{ written: boolean; team: boolean }> {
  const written = await writeFile(join(dir, WORKSPACE_CONFIG), TEAM_CONFIG_TEXT, { flag: 'wx' }).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return false;
      throw err;
    },
  );
  return { written, team: readTeamConfig(dir) !== null };
}
