import type { PipelineDefinition, SinkDefinition } from '../definition/PipelineDefinition.js';
import type { Table } from '../table/Table.js';
import type { RowOrigin } from '../snapshots/ChangeRecords.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';

/**
 * What a sink shows: the id of the snapshot it last published, `null` when it
 * was emptied (the pipeline was cleaned), `undefined` when it never published.
 */
export type PublishedState = string | null | undefined;

/**
 * The rows a run inserted or updated (latest.csv rows, in its columns) when it
 * made the snapshot to show from `since`, its parent. Runs never delete keys,
 * so a sink that shows `since` reaches the new state by writing these rows alone.
 */
export interface PublishChanges {
  since: string;
  rows: string[][];
  /**
   * Where each of `rows` came from, index for index (the run's changeset), for a sink that keeps history; null
   * when the store cannot say. Read when called. Absent: not known.
   */
  origins?: () => Promise<RowOrigin[] | null>;
}

/** One publish: the state the sink must end up showing, in full. */
export interface PublishContext {
  definition: PipelineDefinition;
  /** The snapshot to show (the newest); null after a clean, when the sink must be emptied. */
  snapshot: SnapshotManifest | null;
  /** Its latest table (no rows after a clean). */
  table: Table;
  /** Every snapshot the store holds, oldest first (empty after a clean). */
  snapshots: SnapshotManifest[];
  /** What the sink showed before, as its `published()` said. */
  previous: PublishedState;
  /**
   * What changed since the snapshot `changes.since`, when the publisher knows
   * it (after a run). A sink may write only these rows when `previous` equals
   * `changes.since`; `table` stays the whole state, so a sink may ignore this.
   */
  changes?: PublishChanges;
  /**
   * Present when `table` holds the columns only (no rows), given to a sink that `publishesChangesAlone` when
   * the changes apply: reads the whole table.
   */
  loadTable?: () => Promise<Table>;
  /**
   * Where each row of the whole table came from, index for index with its rows (`table.rows`, or those
   * `loadTable()` gives): the snapshot's checkpoint and changesets, read when called, for a sink that keeps
   * history. Null (or absent) when the store cannot say; an origin of a snapshot of the first format is blank.
   */
  origins?: () => Promise<RowOrigin[] | null>;
}

/**
 * The plug-in point for where latest.csv is published once a snapshot is
 * committed (a database, an API...). A publish must be all or nothing, make
 * the sink show exactly `context.table`, and be safe to repeat.
 */
export interface Sink {
  /**
   * Optional: true when this sink, given `changes` it may use (it shows `changes.since`), can do with
   * `table`'s columns and calls `context.loadTable()` when it needs the rows after all (an emptied or recreated
   * table): the publisher then spares reading the whole table back. A sink that leaves it out always gets it.
   */
  readonly publishesChangesAlone?: boolean;
  /** Checks what the options schema cannot, before anything changes (throw DEFINITION_INVALID). */
  check?(): Promise<void>;
  /** The snapshot this sink shows now. */
  published(): Promise<PublishedState>;
  publish(context: PublishContext): Promise<void>;
}

/** A sink a definition lists, with where it is listed (`sinks[0]`) for messages. */
export interface ListedSink {
  sink: Sink;
  type: string;
  /** `sinks[<index>]`. */
  key: string;
}

/** Builds the sinks a pipeline definition lists (options checked, nothing connected yet). */
export interface SinkFactory {
  create(definition: PipelineDefinition): Promise<ListedSink[]>;
  /** The sinks as listed, every option's default written out (`show-definition`); optional for other factories. */
  withDefaults?(definition: PipelineDefinition): Promise<SinkDefinition[]>;
  /** Every problem `create` would meet, one per sink, not only the first (`dropline check`). */
  check?(definition: PipelineDefinition): Promise<unknown[]>;
}
