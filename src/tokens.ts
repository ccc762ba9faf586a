import type { ServiceIdentifier } from 'inversify';
import type { Logger } from './logging/Logger.js';
import type { SourceFactory } from './sources/Source.js';
import type { Validator } from './validation/Validator.js';
import type { Merger } from './merge/Merger.js';
import type { SnapshotStore } from './snapshots/SnapshotStore.js';
import type { Workspace } from './workspace/Workspace.js';
import type { Clock } from './util/Clock.js';
import type { CsvTableReader } from './sources/CsvTableReader.js';
import type { SourceContext } from './sources/SourceContext.js';
import type { SourceType } from './sources/SourceRegistry.js';
import type { ModuleImporter } from './plugins/ModuleImporter.js';
import type { AfterCommitHook, AfterFileHook, BeforeRunHook, OnErrorHook } from './runner/LifecycleHooks.js';
import type { ProgressHook } from './util/ProgressHook.js';
import type { SinkFactory } from './sinks/Sink.js';
import type { SinkContext } from './sinks/SinkContext.js';
import type { SinkType } from './sinks/SinkRegistry.js';

/**
 * The DI tokens of the plug-in points, in one place, typed by what they
 * resolve to: what a plug-in may bind or rebind. Internal services are bound
 * by their class (createContainer, openPipeline), not by a token.
 */
export const TOKENS = {
  Logger: Symbol.for('dropline.Logger') as ServiceIdentifier<Logger>,
  Workspace: Symbol.for('dropline.Workspace') as ServiceIdentifier<Workspace>,
  Clock: Symbol.for('dropline.Clock') as ServiceIdentifier<Clock>,
  SourceFactory: Symbol.for('dropline.SourceFactory') as ServiceIdentifier<SourceFactory>,
  CsvReader: Symbol.for('dropline.CsvReader') as ServiceIdentifier<CsvTableReader>,
  Validator: Symbol.for('dropline.Validator') as ServiceIdentifier<Validator>,
  Merger: Symbol.for('dropline.Merger') as ServiceIdentifier<Merger>,
  SnapshotStore: Symbol.for('dropline.SnapshotStore') as ServiceIdentifier<SnapshotStore>,
  ModuleLoader: Symbol.for('dropline.ModuleLoader') as ServiceIdentifier<ModuleImporter>,
  /** Values for `${NAME}` in definitions given with `--set NAME=value`. */
  Variables: Symbol.for('dropline.Variables') as ServiceIdentifier<Record<string, string>>,
  /** What a Source is constructed with; bound per source in a child container. */
  SourceContext: Symbol.for('dropline.SourceContext') as ServiceIdentifier<SourceContext>,
  /** Source types added by plug-ins (bind many: `bind(TOKENS.SourceType).toConstantValue({ type, source })`). */
  SourceType: Symbol.for('dropline.SourceType') as ServiceIdentifier<SourceType>,
  BeforeRunHook: Symbol.for('dropline.BeforeRunHook') as ServiceIdentifier<BeforeRunHook>,
  AfterFileHook: Symbol.for('dropline.AfterFileHook') as ServiceIdentifier<AfterFileHook>,
  AfterCommitHook: Symbol.for('dropline.AfterCommitHook') as ServiceIdentifier<AfterCommitHook>,
  OnErrorHook: Symbol.for('dropline.OnErrorHook') as ServiceIdentifier<OnErrorHook>,
  /** Told where long commands are (phase, done of total); bind many. */
  ProgressHook: Symbol.for('dropline.ProgressHook') as ServiceIdentifier<ProgressHook>,
  /** Builds the sinks a definition lists (`sinks:`). */
  SinkFactory: Symbol.for('dropline.SinkFactory') as ServiceIdentifier<SinkFactory>,
  /** What a Sink is constructed with; bound per sink in a child container. */
  SinkContext: Symbol.for('dropline.SinkContext') as ServiceIdentifier<SinkContext>,
  /** Sink types added by plug-ins (bind many: `bind(TOKENS.SinkType).toConstantValue({ type, sink })`). */
  SinkType: Symbol.for('dropline.SinkType') as ServiceIdentifier<SinkType>,
} as const;
