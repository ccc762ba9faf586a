/**
 * dropline as a library: the public interfaces, base classes, tokens and types
 * a workspace's own sources, stages and plug-ins are written against, imported
 * by the package's name: `import { BaseSource, TOKENS } from 'dropline-cli'`.
 * This is the semver contract: internal services (the query side, the HTTP
 * server, the publisher, the pipeline scope's parts) are bound by class and not exported.
 */
import 'reflect-metadata';

export { Container, ContainerModule, inject, injectable, multiInject, optional } from 'inversify';
export type { ContainerModuleLoadOptions } from 'inversify';

export { TOKENS } from './tokens.js';
export { DroplineError, ExitCode, type ErrorCode, type ErrorContext } from './errors/DroplineError.js';

export type { Source, SourceInput, IgnoredInput, RawRow, RawTable, QuarantineReason, SourceFactory, WaitingInput } from './sources/Source.js';
export { BaseSource, type InputContent } from './sources/BaseSource.js';
export type { SourceContext } from './sources/SourceContext.js';
export type { OptionsSchema, OptionSpec, OptionType } from './plugins/OptionsSchema.js';
export type { SourceClass, SourceType } from './sources/SourceRegistry.js';
export { tableFromRecords } from './sources/tableFromRecords.js';
export { CsvReader } from './sources/CsvReader.js';
export type { CsvTableReader } from './sources/CsvTableReader.js';
export { DirectorySource } from './sources/DirectorySource.js';

export type { Validator, HeaderMapping, HeaderMatch, ValidRow, RowReject, RowResult, FileRejection, RejectCode } from './validation/Validator.js';
export { SchemaValidator } from './validation/SchemaValidator.js';
export { encodeKey } from './util/encodeKey.js';
export type { Merger, MergeState, MergeResult } from './merge/Merger.js';
export type { Table } from './table/Table.js';
export type { LatestContent } from './table/LatestContent.js';
export type { ChangedRow } from './table/ChangedRow.js';
export { LatestRowMerger } from './merge/LatestRowMerger.js';
export type { SnapshotStore, PipelineSnapshots, SnapshotReader, SnapshotWriter, SnapshotDraft, ResetDraft, StoreUsage } from './snapshots/SnapshotStore.js';
export type { SnapshotManifest, IngestedFile, LedgerEntry } from './snapshots/SnapshotManifest.js';
export type { RowFinder, FoundRow, RunChanges } from './snapshots/RowFinder.js';
export type { RowOrigin } from './snapshots/ChangeRecords.js';
export type { KeyOrderSpec } from './snapshots/KeyOrder.js';

export type { Sink, PublishContext, PublishChanges, PublishedState, ListedSink, SinkFactory } from './sinks/Sink.js';
export { BaseSink } from './sinks/BaseSink.js';
export type { SinkContext } from './sinks/SinkContext.js';
export type { SinkClass, SinkType } from './sinks/SinkRegistry.js';
export { SqliteSink } from './sinks/SqliteSink.js';
export { PostgresSink } from './sinks/PostgresSink.js';
export type { SinkReport } from './sinks/SinkPublisher.js';

export type { PipelineDefinition, ColumnDefinition, ColumnType, SchemaDefinition, SourceDefinition, SinkDefinition } from './definition/PipelineDefinition.js';
export type { Logger, LogMeta } from './logging/Logger.js';
export type { Clock } from './util/Clock.js';
export { Workspace } from './workspace/Workspace.js';

export type { BeforeRunHook, AfterFileHook, AfterCommitHook, OnErrorHook, RunContext } from './runner/LifecycleHooks.js';
export type { RunSummary, RunOptions } from './runner/RunSummary.js';
export { RunCommittedError } from './runner/RunCommittedError.js';
export type { ProgressEvent, ProgressHook } from './util/ProgressHook.js';
export { PipelineRunner } from './runner/PipelineRunner.js';
export { openPipeline, type OpenPipelineOptions } from './scope/openPipeline.js';

export type { RowSelection, PageRequest, RowPage, RowRecord, DiffPage, PipelineListing, RejectsListing } from './query/QueryResults.js';
export { createContainer, createContainerWithPlugins, type ContainerOptions } from './container/createContainer.js';
