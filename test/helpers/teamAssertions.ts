import { expect } from 'chai';
import { accountedFiles, fileNames, type PipelineSpec } from './teamPipelines.js';
import type { TeamWorkspace } from './teamWorkspace.js';

/**
 * After the pipeline's drop was run (by any worker, retried or not): exactly one manifest in the catalog, latest.csv
 * byte-identical to the embedded mode's result, every input archived once (none lost, none left, none quarantined),
 * and the snapshots and the head's ledger naming each input exactly once (nothing applied twice).
 */
export async function expectCommittedOnce(ws: TeamWorkspace, spec: PipelineSpec, embedded: string, note = spec.name): Promise<void> {
  const names = fileNames(spec);
  const manifests = await ws.manifests(spec.name);
  expect(manifests, `${note}: one manifest in the catalog`).to.have.length(1);
  expect((await ws.pipelineRow(spec.name))?.head, `${note}: the head is that manifest`).to.equal(manifests[0]!.id);
  expect(ws.read(`output/${spec.name}/latest.csv`), `${note}: latest.csv equals the embedded result`).to.equal(embedded);
  expect(accountedFiles(ws, spec.name), `${note}: every input accounted for`).to.deep.equal(names);
  expect(ws.files(`input/${spec.name}-done`), `${note}: every input archived`).to.deep.equal(names);
  const listed = ws.cli('snapshots', spec.name, '--json');
  expect(listed.code, `${note}: snapshots --json: ${listed.stderr}`).to.equal(0);
  const snapshots = JSON.parse(listed.stdout) as { id: string; files: string[] }[];
  expect(
    snapshots.map((s) => s.id),
    `${note}: the CLI lists the catalog's manifests`,
  ).to.deep.equal(manifests.map((m) => m.id));
  expect(snapshots.flatMap((s) => s.files).sort(), `${note}: the snapshots name each input once`).to.deep.equal(names);
  const head = JSON.parse(ws.cli('show', spec.name, 'latest').stdout) as { ledger: { object: string } };
  const [ledger] = await ws.sql<{ entries: { name: string }[] }>(`SELECT entries FROM ${ws.t('ledgers')} WHERE pipeline = $1 AND object = $2`, [spec.name, head.ledger.object]);
  expect(ledger, `${note}: the head's ledger is in the catalog`).to.not.equal(undefined);
  expect(ledger!.entries.map((e) => e.name).sort(), `${note}: the head's ledger names each input once`).to.deep.equal(names);
}

/** Every file of the pipeline's input is in its drop, archive or quarantine, once. */
export function expectAccountedFor(ws: TeamWorkspace, spec: PipelineSpec, note: string): void {
  expect(accountedFiles(ws, spec.name), `${note}: every input of ${spec.name} is in the drop, the archive or quarantine`).to.deep.equal(fileNames(spec));
}
