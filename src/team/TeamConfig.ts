import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** STAND-IN until the coordinator's TeamConfig lands on main (TEAM.md names); replaced by `git merge main`. */
export interface TeamConfig {
  catalog: { type: 'postgres'; urlEnv: string; schema: string; leaseSeconds: number };
  blobs: { type: 'directory'; path: string };
}

/** The `catalog:` section of `<root>/dropline.yaml`, or null (embedded mode). */
export async function readTeamConfig(root: string): Promise<TeamConfig | null> {
  let text: string;
  try {
    text = await readFile(join(root, 'dropline.yaml'), 'utf8');
  } catch {
    return null;
  }
  const doc = (parse(text) ?? {}) as { catalog?: Partial<TeamConfig['catalog']>; blobs?: Partial<TeamConfig['blobs']> };
  if (!doc.catalog) return null;
  return {
    catalog: {
      type: 'postgres',
      urlEnv: doc.catalog.urlEnv ?? 'DROPLINE_CATALOG_URL',
      schema: doc.catalog.schema ?? 'dropline',
      leaseSeconds: doc.catalog.leaseSeconds ?? 30,
    },
    blobs: { type: 'directory', path: doc.blobs?.path ?? 'blobs' },
  };
}
