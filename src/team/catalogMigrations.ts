/** STAND-IN until the coordinator's catalogMigrations lands on main; `{schema}` stands for the quoted schema. */
export const CATALOG_MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS {schema}.runs (id bigserial PRIMARY KEY, pipeline text NOT NULL, worker text, job_id text,
     started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, exit int, snapshot text, error text)`,
  // queue helper's steps (append-only; moved after the coordinator's on merge):
  `ALTER TABLE {schema}.runs ADD COLUMN IF NOT EXISTS run_id text`,
  `CREATE TABLE IF NOT EXISTS {schema}.workers (id text PRIMARY KEY, host text NOT NULL, pid int NOT NULL, concurrency int NOT NULL,
     started_at timestamptz NOT NULL DEFAULT now(), seen_at timestamptz NOT NULL DEFAULT now())`,
];
