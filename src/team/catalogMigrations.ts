/**
 * The catalog's tables, as versioned steps: step N brings a catalog from
 * version N-1 to N. Append only: a step that ran somewhere is never edited.
 * `%s` is the schema, quoted.
 */
export const CATALOG_MIGRATIONS: readonly string[] = [
  // 1: head pointer and lease per pipeline, the manifests, pins, run records and processed-file ledgers.
  `CREATE TABLE %s.pipelines (
     pipeline text PRIMARY KEY,
     epoch bigint NOT NULL DEFAULT 0,
     holder text,
     command text,
     lease_until timestamptz,
     head text
   );
   CREATE TABLE %s.manifests (
     pipeline text NOT NULL,
     id text NOT NULL,
     manifest jsonb NOT NULL,
     epoch bigint NOT NULL,
     holder text NOT NULL,
     committed_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (pipeline, id)
   );
   CREATE TABLE %s.pins (
     pipeline text NOT NULL,
     id text NOT NULL,
     PRIMARY KEY (pipeline, id)
   );
   CREATE TABLE %s.runs (
     id bigserial PRIMARY KEY,
     pipeline text NOT NULL,
     worker text,
     job_id text,
     started_at timestamptz NOT NULL DEFAULT now(),
     finished_at timestamptz,
     exit integer,
     snapshot text,
     error text
   );
   CREATE INDEX runs_pipeline ON %s.runs (pipeline, id);
   CREATE TABLE %s.ledgers (
     pipeline text NOT NULL,
     object text NOT NULL,
     entries jsonb NOT NULL,
     PRIMARY KEY (pipeline, object)
   );`,
  // 2 (worker layer): the child's run id on each run; the workers' heartbeats (a worker not seen for a while is dead, its runs retried).
  `ALTER TABLE %s.runs ADD COLUMN run_id text;
   CREATE TABLE %s.workers (
     id text PRIMARY KEY,
     host text NOT NULL,
     pid integer NOT NULL,
     concurrency integer NOT NULL,
     started_at timestamptz NOT NULL DEFAULT now(),
     seen_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX runs_open ON %s.runs (worker) WHERE finished_at IS NULL;`,
];
