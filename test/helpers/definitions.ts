import type { ColumnDefinition, ColumnType, PipelineDefinition } from '../../src/definition/PipelineDefinition.js';

/** Per-section overrides: each given section is merged over the demo's one. */
export type DefinitionOverrides = {
  [K in keyof PipelineDefinition]?: PipelineDefinition[K] extends object ? Partial<PipelineDefinition[K]> : PipelineDefinition[K];
};

/** A schema column with the loader's defaults (`required: false`, no aliases). */
export function column(name: string, type: ColumnType, extra: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return { name, type, required: false, aliases: [], ...extra };
}

/**
 * The demo pipeline as the definition loader returns it for `pipelines/demo.yaml`
 * (id, description, timestamp), with `overrides` merged section by section.
 */
export function demoDefinition(overrides: DefinitionOverrides = {}): PipelineDefinition {
  const demo: PipelineDefinition = {
    name: 'demo',
    description: '',
    file: '/tmp/pipelines/demo.yaml',
    plugins: [],
    source: {
      type: 'directory',
      path: 'input/processing',
      pattern: '*.csv',
      caseSensitive: false,
      archive: 'input/processed',
      delimiter: ',',
      encoding: 'utf-8',
      compression: 'auto',
      parser: 'auto',
      options: {},
    },
    schema: {
      key: ['id'],
      timestamp: 'timestamp',
      columns: [column('id', 'string', { required: true }), column('description', 'string', { faker: 'company.buzzPhrase' }), column('timestamp', 'date', { required: true })],
    },
    output: { path: 'output/latest.csv', lineage: 'source_filename' },
    snapshots: { path: 'snapshots' },
    validation: { headerThreshold: 0.8, extraColumns: 'drop', badRows: 'reject', rejects: 'output/rejects', quarantine: 'input/quarantine' },
  };
  return {
    name: overrides.name ?? demo.name,
    description: overrides.description ?? demo.description,
    file: overrides.file ?? demo.file,
    plugins: (overrides.plugins as string[] | undefined) ?? demo.plugins,
    source: { ...demo.source, ...overrides.source },
    schema: { ...demo.schema, ...overrides.schema },
    output: { ...demo.output, ...overrides.output },
    snapshots: { ...demo.snapshots, ...overrides.snapshots },
    validation: { ...demo.validation, ...overrides.validation },
  };
}
