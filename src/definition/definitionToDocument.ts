import { maskUrlPassword } from '../sinks/maskUrlPassword.js';
import type { ColumnDefinition, ExpectDefinition, PipelineDefinition, SinkDefinition } from './PipelineDefinition.js';

function column(c: ColumnDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = { type: c.type, required: c.required };
  if (c.aliases.length > 0) out.aliases = c.aliases;
  for (const key of ['faker', 'format', 'timezone', 'thousands'] as const) if (c[key] !== undefined) out[key] = c[key];
  return out;
}

/** A sink as written, a password in a connection URL shown as ***. */
function sink(s: SinkDefinition): Record<string, unknown> {
  const options = Object.fromEntries(Object.entries(s.options).map(([k, v]) => [k, typeof v === 'string' ? maskUrlPassword(v) : v]));
  return { type: s.type, ...(s.module ? { module: s.module } : {}), options, history: s.history === true };
}

/** `expect:` as written, its volume band's defaults filled in. */
function expectation(e: ExpectDefinition): Record<string, unknown> {
  return { ...(e.every !== undefined ? { every: e.every } : {}), ...(e.grace !== undefined ? { grace: e.grace } : {}), volume: e.volume };
}

/** A definition in the shape of a definition file, every default written out (`show-definition`). */
export function definitionToDocument(d: PipelineDefinition): Record<string, unknown> {
  const { keep, maxAge, path } = d.snapshots;
  const { settleMs: _settleMs, retain: given, ...rest } = d.source;
  const retain = given && { ...(given.compress ? { compress: given.compress } : {}), ...(given.delete ? { delete: given.delete } : {}) };
  const source = { ...rest, ...(retain ? { retain } : {}) };
  return {
    name: d.name,
    description: d.description,
    source,
    schema: {
      key: d.schema.key.length === 1 ? d.schema.key[0] : d.schema.key,
      timestamp: d.schema.timestamp,
      columns: Object.fromEntries(d.schema.columns.map((c) => [c.name, column(c)])),
    },
    output: d.output,
    snapshots: { path, ...(keep !== undefined ? { keep } : {}), ...(maxAge !== undefined ? { maxAge } : {}) },
    validation: {
      headers: { threshold: d.validation.headerThreshold },
      extraColumns: d.validation.extraColumns,
      badRows: d.validation.badRows,
      rejects: d.validation.rejects,
      quarantine: d.validation.quarantine,
    },
    ...(d.plugins.length > 0 ? { plugins: d.plugins } : {}),
    ...(d.sinks && d.sinks.length > 0 ? { sinks: d.sinks.map(sink) } : {}),
    ...(d.alerts && d.alerts.length > 0 ? { alerts: d.alerts } : {}),
    ...(d.engine !== undefined ? { engine: d.engine } : {}),
    ...(d.schedule !== undefined ? { schedule: d.schedule } : {}),
    ...(d.expect ? { expect: expectation(d.expect) } : {}),
  };
}
