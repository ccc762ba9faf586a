import { expect } from 'chai';
import { mkdirSync, rmSync } from 'node:fs';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** Three runs, one file each; returns the snapshot ids, oldest first. */
function threeRuns(ws: TestWorkspace): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= 3; i++) {
    ws.drop(
      `d${i}.csv`,
      csv([
        ['id', 'description', 'timestamp'],
        [String(i), `row ${i}`, `2024-01-0${i}`],
      ]),
    );
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    ids.push(summary.snapshot!);
  }
  return ids;
}

const manifests = (ws: TestWorkspace): string[] => ws.files('snapshots/demo/manifests');

describe('damaged state fails closed (end to end)', () => {
  let ws: TestWorkspace;
  let ids: string[];
  beforeEach(() => {
    ws = new TestWorkspace();
    ids = threeRuns(ws);
  });
  afterEach(() => ws.remove());

  describe('when pins.json is damaged', () => {
    beforeEach(() => {
      expect(ws.cli('pin', 'demo', ids[0]!).code).to.equal(0);
      ws.write('snapshots/demo/pins.json', `["${ids[0]}"`);
      ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', keep: 1 } }));
    });

    it('should refuse to prune: exit 1, error[STATE_DAMAGED] naming pins.json, every snapshot kept', () => {
      const r = ws.cli('prune', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/pins\.json: the list of pinned snapshots is damaged \(.+\); restore it from a backup/);
      expect(r.stderr).to.contain('nothing was changed');
      expect(manifests(ws)).to.deep.equal(ids.map((id) => `${id}.json`));
    });

    it('should not prune after a run either: the run commits, retention waits for readable pins', () => {
      ws.drop(
        'd4.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['4', 'row 4', '2024-01-04'],
        ]),
      );
      const { summary } = ws.run();
      expect(summary.snapshot).to.not.equal(null);
      expect(manifests(ws)).to.deep.equal([...ids, summary.snapshot!].map((id) => `${id}.json`));
    });

    it('should warn after the run with STATE_DAMAGED, not promise that the next run completes the pruning', () => {
      ws.drop(
        'd4.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['4', 'row 4', '2024-01-04'],
        ]),
      );
      const { code, stderr } = ws.run();
      expect(code).to.equal(0);
      expect(stderr).to.contain('error[STATE_DAMAGED]: the run committed, but pruning old snapshots failed: snapshots/demo/pins.json');
      expect(stderr).not.to.contain('the next run completes it');
    });

    it('should refuse a pins.json that is valid JSON but not a list of ids', () => {
      ws.write('snapshots/demo/pins.json', '{"pinned": true}\n');
      const r = ws.cli('prune', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/pins\.json: .*not a JSON list/);
      expect(manifests(ws)).to.have.length(3);
    });

    it('should prune the unpinned ones once pins.json is repaired', () => {
      ws.write('snapshots/demo/pins.json', `["${ids[0]}"]\n`);
      expect(ws.cli('prune', 'demo').code).to.equal(0);
      expect(manifests(ws)).to.deep.equal([`${ids[0]}.json`, `${ids[2]}.json`]);
    });
  });

  describe('when a manifest is truncated', () => {
    beforeEach(() => {
      ws.write(`snapshots/demo/manifests/${ids[1]}.json`, '{\n  "id": "');
    });

    it('should say STATE_DAMAGED naming the manifest, not INTERNAL (show: exit 1)', () => {
      const r = ws.cli('show', 'demo', ids[1]!);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(
        new RegExp(
          `^error\\[STATE_DAMAGED\\]: snapshots/demo/manifests/${ids[1]}\\.json: the manifest of snapshot ${ids[1]} is damaged \\(.+\\); restore it from a backup, or move it out of the manifests folder`,
        ),
      );
    });

    it('should stop a run of a damaged head before it changes anything (exit 1)', () => {
      ws.write(`snapshots/demo/manifests/${ids[2]}.json`, '{"id": "');
      const before = ws.read('output/latest.csv');
      ws.drop(
        'd4.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['4', 'row 4', '2024-01-04'],
        ]),
      );
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/manifests\//);
      expect(ws.read('output/latest.csv')).to.equal(before);
      expect(ws.files('input/processing')).to.deep.equal(['d4.csv']);
      expect(manifests(ws)).to.have.length(3);
    });
  });

  describe('when a manifest cannot be read', () => {
    it('should say STATE_DAMAGED, not SNAPSHOT_NOT_FOUND (exit 1)', () => {
      const path = ws.path('snapshots', 'demo', 'manifests', `${ids[1]}.json`);
      rmSync(path);
      mkdirSync(path);
      const r = ws.cli('show', 'demo', ids[1]!);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(new RegExp(`^error\\[STATE_DAMAGED\\]: snapshots/demo/manifests/${ids[1]}\\.json: the manifest of snapshot ${ids[1]} cannot be read`));
    });
  });

  describe('when the record of an interrupted clean is damaged', () => {
    it('should stop the next run with STATE_DAMAGED naming it, latest.csv kept (exit 1)', () => {
      const before = ws.read('output/latest.csv');
      ws.write('snapshots/demo/clean.pending', '{"latest": nul');
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/clean\.pending: the record of an interrupted clean is damaged .*dropline clean demo --yes/);
      expect(ws.read('output/latest.csv')).to.equal(before);
      expect(manifests(ws)).to.have.length(3);
    });
  });

  describe('when the list of pending rejects files is damaged', () => {
    it('should stop the next run with STATE_DAMAGED naming it (exit 1)', () => {
      ws.write('snapshots/demo/rejects.pending', '["output/rejects/x.csv"');
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/rejects\.pending: the list of pending rejects files is damaged/);
      expect(manifests(ws)).to.have.length(3);
    });
  });

  describe('when a manifest does not exist', () => {
    it('should still say SNAPSHOT_NOT_FOUND (exit 1)', () => {
      const r = ws.cli('show', 'demo', '20200101T000000000Z');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[SNAPSHOT_NOT_FOUND\]/);
    });
  });
});
