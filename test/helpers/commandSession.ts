import type { PipelineSpec } from './teamPipelines.js';
import type { TestWorkspace } from './workspace.js';

/** One command of a session and what it printed, with snapshot ids and times replaced by placeholders. */
export interface SessionStep {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  /** latest.csv after the command (absent: none). */
  latest: string | null;
  /** The pipeline's drop after the command. */
  drop: string[];
}

/** A session's transcript and the snapshot ids it met, in order of creation (s1, s2, ...). */
export interface Session {
  steps: SessionStep[];
  ids: string[];
}

/**
 * Replaces each id (longest first: an id may prefix another) with `<sN>`, every ISO time with `<time>`, and the
 * names of content objects (`changes/<sha256>...`: their bytes hold the run's id) with `<object>`, and the bytes
 * on disk (in team mode the manifests and ledgers are in the catalog, not on disk) with `<size>`.
 */
function normalize(text: string, ids: string[]): string {
  let out = text;
  const order = ids.map((id, i) => [id, `<s${i + 1}>`] as const).sort((a, b) => b[0].length - a[0].length);
  for (const [id, placeholder] of order) out = out.split(id).join(placeholder);
  return out
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/"durationMs":\d+/g, '"durationMs":"<ms>"')
    .replace(/\b[a-z]+\/[0-9a-f]{64}[.a-z]*/g, '<object>')
    .replace(/[\d.]+ (B|KiB|MiB|GiB) on disk/g, '<size> on disk');
}

/**
 * The same short session of every snapshot command on `spec` (three runs of two files each, then snapshots, show,
 * diff, export, history, explain, pin, prune with `snapshots.keep: 1`, reset, unpin, clean), in whichever mode `ws`
 * is: the transcripts of an embedded and a team workspace must be equal. `afterStep` sees each step as it happens
 * (the team test checks the catalog there).
 */
export async function commandSession(ws: TestWorkspace, spec: PipelineSpec, afterStep: (step: string, ids: string[]) => Promise<void> = async () => undefined): Promise<Session> {
  const p = spec.name;
  const ids: string[] = [];
  const steps: SessionStep[] = [];
  const step = async (...args: string[]): Promise<string> => {
    const r = ws.cli(...args);
    const snapshot = /"snapshot":"([^"]+)"/.exec(r.stdout)?.[1];
    if ((args[0] === 'run' || args[0] === 'reset') && snapshot !== undefined && !ids.includes(snapshot)) ids.push(snapshot);
    let latest: string | null = null;
    try {
      latest = ws.read(`output/${p}/latest.csv`);
    } catch {
      latest = null; // cleaned away
    }
    steps.push({ command: normalize(args.join(' '), ids), code: r.code, stdout: r.stdout, stderr: r.stderr, latest, drop: ws.files(`input/${p}`) });
    await afterStep(args.join(' '), ids);
    return r.stdout;
  };
  for (let batch = 0; batch < 3; batch++) {
    for (const [name, content] of spec.files.slice(batch * 2, batch * 2 + 2)) ws.write(`input/${p}/${name}`, content);
    await step('run', p, '--json');
  }
  const [s1, , s3] = ids as [string, string, string];
  // Retention from here on (the runs above would have pruned as they went): the newest snapshot only, and the pinned.
  ws.writeDefinition(p, { ...spec.definition, snapshots: { ...(spec.definition.snapshots as object), keep: 1 } });
  await step('snapshots', p, '--json');
  await step('snapshots', p);
  await step('show', p, 'latest');
  await step('show', p, s1);
  await step('diff', p, s1, s3, '--json');
  await step('diff', p, s1);
  const key = spec.files[0]![1].toString('utf8').split('\n')[1]!.split(',')[0]!; // the first row's id
  await step('export', p, '--as-of', s1);
  await step('history', p, key, '--json');
  await step('explain', p, key, '--json');
  await step('pin', p, s1, '--json');
  await step('prune', p, '--dry-run', '--json');
  await step('prune', p, '--json');
  await step('snapshots', p, '--json');
  await step('reset', p, '--to', s1, '--json');
  await step('diff', p, s3, 'latest', '--json');
  await step('unpin', p, s1, '--json');
  await step('snapshots', p, '--json');
  await step('clean', p, '--json');
  await step('clean', p, '--yes', '--json');
  await step('snapshots', p, '--json');
  for (const s of steps) [s.stdout, s.stderr] = [normalize(s.stdout, ids), normalize(s.stderr, ids)];
  return { steps, ids };
}
