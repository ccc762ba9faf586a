// The statements of docs/scaling.md's set-based merge, as bench/scalingPlan.ts runs them on PostgreSQL (on Citus
// the same statements run per shard: staging, latest and files distributed or co-located by the key).
// The bench pipeline's table: key `id`, timestamp `timestamp`, one more column `description`, lineage
// `source_filename`. `file` is the catalog's ordinal of the input file (greater for a later file and for every
// file of a later run), `line` the row's line number in it: with the timestamp they order a key's rows as
// dropline's merge rule does (greatest timestamp, then later file, then later line).

/** The staging table the workers COPY into (unlogged: a crash loses a drop's staging, which the run does again), and the file names by ordinal. */
export const CREATE_STAGING = `
  DROP TABLE IF EXISTS staging, latest, files;
  CREATE UNLOGGED TABLE staging (file bigint NOT NULL, line bigint NOT NULL, id text COLLATE "C" NOT NULL, description text, "timestamp" date NOT NULL);
  CREATE TABLE files (ordinal bigint PRIMARY KEY, name text NOT NULL)`;

/** The order of a key's rows, the winner first: greatest timestamp, then the later file, then the later line. */
const WINNER_FIRST = `id, "timestamp" DESC, file DESC, line DESC`;

/** A first run: the latest table made from the staged drop, one row per key (the winner). */
export const FIRST_MERGE = `
  CREATE TABLE latest AS
  SELECT DISTINCT ON (id) id, description, "timestamp", file, line FROM staging ORDER BY ${WINNER_FIRST}`;

/** The key's index, which the incremental upsert's ON CONFLICT needs (built after the load: cheaper than maintained during it). */
export const LATEST_KEY = `ALTER TABLE latest ADD PRIMARY KEY (id)`;

/**
 * A later run: the staged drop's winners upserted into latest; an existing row is replaced only by a greater
 * (timestamp, file, line), and a later run's files always have greater ordinals, so on equal timestamps the new row
 * wins, as in dropline. RETURNING gives the rows the run changed, with whether each is new: the snapshot's changeset.
 */
export const INCREMENTAL_MERGE = `
  INSERT INTO latest AS l (id, description, "timestamp", file, line)
  SELECT DISTINCT ON (id) id, description, "timestamp", file, line FROM staging ORDER BY ${WINNER_FIRST}
  ON CONFLICT (id) DO UPDATE
    SET description = excluded.description, "timestamp" = excluded."timestamp", file = excluded.file, line = excluded.line
    WHERE (excluded."timestamp", excluded.file, excluded.line) > (l."timestamp", l.file, l.line)
  RETURNING l.id, l.description, l."timestamp", l.file, l.line, (l.xmax = 0) AS inserted`;

/** latest.csv from the table: the pipeline's columns and lineage, sorted by key (byte order: the "C" collation). */
export const EXPORT_LATEST = `
  COPY (SELECT l.id, l.description, l."timestamp", f.name AS source_filename
        FROM latest l JOIN files f ON f.ordinal = l.file ORDER BY l.id) TO STDOUT (FORMAT csv, HEADER)`;
