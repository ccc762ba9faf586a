import { generatedDrop } from './generatedDrop.js';
import { demoYaml, TestWorkspace } from './workspace.js';

/** One pipeline of a team test: its definition and the files of its drop. */
export interface PipelineSpec {
  name: string;
  definition: Record<string, unknown>;
  files: [string, Buffer][];
}

/** The demo definition under the name `name`, with folders of its own: input/<name>, input/<name>-done, output/<name>/. */
export function pipelineDefinition(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return demoYaml({
    name,
    source: { path: `input/${name}`, archive: `input/${name}-done` },
    output: { path: `output/${name}/latest.csv` },
    validation: { quarantine: `input/${name}-quarantine`, rejects: `output/${name}/rejects` },
    ...extra,
  });
}

/** `count` pipelines p01, p02, ... each with `filesEach` generated files of its own (`rowsPerFile` rows each). */
export function teamPipelines(count: number, options: { filesEach?: number; rowsPerFile?: number; seed?: number } = {}): PipelineSpec[] {
  const filesEach = options.filesEach ?? 2;
  const files = count * filesEach;
  const drop = generatedDrop({ rows: files * (options.rowsPerFile ?? 200), files, ids: 150, seed: options.seed ?? 15 });
  return Array.from({ length: count }, (_, i) => {
    const name = `p${String(i + 1).padStart(2, '0')}`;
    return { name, definition: pipelineDefinition(name), files: drop.slice(i * filesEach, (i + 1) * filesEach) };
  });
}

/** name -> definition, as a workspace's constructor takes them. */
export function definitionsOf(specs: PipelineSpec[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(specs.map((s) => [s.name, s.definition]));
}

/** Writes each pipeline's files into its drop. */
export function dropAll(ws: TestWorkspace, specs: PipelineSpec[]): void {
  for (const spec of specs) for (const [file, content] of spec.files) ws.write(`input/${spec.name}/${file}`, content);
}

/** Each pipeline's latest.csv after one `dropline run` of its drop in an embedded workspace (no dropline.yaml). */
export function embeddedResults(specs: PipelineSpec[]): Record<string, string> {
  const ws = new TestWorkspace(definitionsOf(specs));
  try {
    dropAll(ws, specs);
    const results: Record<string, string> = {};
    for (const spec of specs) {
      const r = ws.cli('run', spec.name, '--quiet');
      if (r.code !== 0) throw new Error(`embedded reference run of ${spec.name} failed (exit ${r.code}): ${r.stderr}`);
      results[spec.name] = ws.read(`output/${spec.name}/latest.csv`);
    }
    return results;
  } finally {
    ws.remove();
  }
}

/** The files of the pipeline's drop, archive and quarantine together, sorted: each input exactly once when nothing was lost or copied. */
export function accountedFiles(ws: TestWorkspace, name: string): string[] {
  return [...ws.files(`input/${name}`), ...ws.files(`input/${name}-done`), ...ws.files(`input/${name}-quarantine`)].sort();
}

/** The names of a pipeline's generated files, sorted. */
export function fileNames(spec: PipelineSpec): string[] {
  return spec.files.map(([n]) => n).sort();
}
