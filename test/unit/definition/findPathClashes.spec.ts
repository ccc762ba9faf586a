import { expect } from 'chai';
import { findPathClashes, type PlacedPipeline } from '../../../src/definition/findPathClashes.js';
import { pipelinePaths } from '../../../src/definition/pipelinePaths.js';
import { Workspace } from '../../../src/workspace/Workspace.js';
import { demoDefinition } from '../../helpers/definitions.js';

const workspace = new Workspace('/ws');

/** A pipeline placed in /ws: the demo's places with these settings changed. */
function placed(name: string, change: { drop?: string; archive?: string; output?: string; rejects?: string; snapshots?: string; custom?: boolean } = {}): PlacedPipeline {
  const definition = demoDefinition({
    name,
    source: { path: change.custom ? '' : (change.drop ?? `input/${name}`), archive: change.archive ?? `input/${name}-done` },
    output: { path: change.output ?? `output/${name}/latest.csv` },
    snapshots: { path: change.snapshots ?? 'snapshots' },
    validation: { rejects: change.rejects ?? 'output/rejects' },
  });
  return { file: `pipelines/${name}.yaml`, paths: pipelinePaths(definition, workspace) };
}

describe(findPathClashes.name, () => {
  const clashes = (a: PlacedPipeline, b: PlacedPipeline): string[] => findPathClashes(a, [b], (f) => workspace.display(f));

  describe('when two pipelines have places of their own', () => {
    const cases: [string, PlacedPipeline][] = [
      ['their own folders, sharing the default rejects and quarantine', placed('b')],
      ['a custom source (no source.path) whose archive default equals the other archive', placed('b', { custom: true, archive: 'input/a-done' })],
      ['an output beside the other output', placed('b', { output: 'output/a/other.csv' })],
    ];
    for (const [when, other] of cases) it(`should find nothing for ${when}`, () => expect(clashes(placed('a'), other)).to.deep.equal([]));
  });

  describe('when they share a place', () => {
    const cases: [string, PlacedPipeline, PlacedPipeline, string][] = [
      ['the same output', placed('a'), placed('b', { output: 'output/a/latest.csv' }), 'output.path "output/a/latest.csv" is also the output.path of pipelines/b.yaml'],
      ['the same drop', placed('a'), placed('b', { drop: 'input/a' }), 'source.path "input/a" is also the source.path of pipelines/b.yaml'],
      ['the same archive', placed('a'), placed('b', { archive: 'input/a-done' }), 'source.archive "input/a-done" is also the source.archive of pipelines/b.yaml'],
      ['an archive that is the other drop', placed('a', { archive: 'input/b' }), placed('b'), 'source.archive "input/b" is also the source.path of pipelines/b.yaml'],
      [
        'an output inside the other drop',
        placed('a', { output: 'input/b/latest.csv' }),
        placed('b'),
        'output.path "input/b/latest.csv" is inside the source.path of pipelines/b.yaml',
      ],
      [
        'a drop holding the other output',
        placed('a'),
        placed('b', { output: 'input/a/x/latest.csv' }),
        'source.path "input/a" holds the output.path "input/a/x/latest.csv" of pipelines/b.yaml',
      ],
      ['rejects that are the other drop', placed('a', { rejects: 'input/b' }), placed('b'), 'validation.rejects "input/b" is also the source.path of pipelines/b.yaml'],
      [
        'the same snapshot folder',
        placed('a', { snapshots: 'snapshots/x' }),
        placed('x/a'),
        'snapshots.path "snapshots/x" makes the snapshot folder snapshots/x/a, which is also the snapshot folder of pipelines/x/a.yaml',
      ],
      [
        'a snapshot folder holding the other',
        placed('x'),
        placed('x/a'),
        'snapshots.path "snapshots" makes the snapshot folder snapshots/x, which holds the snapshot folder snapshots/x/a of pipelines/x/a.yaml',
      ],
      [
        'a snapshot folder inside the other',
        placed('x/a'),
        placed('x'),
        'snapshots.path "snapshots" makes the snapshot folder snapshots/x/a, which is inside the snapshot folder snapshots/x of pipelines/x.yaml',
      ],
    ];
    for (const [when, a, b, message] of cases) it(`should name ${when}`, () => expect(clashes(a, b)).to.include(message));
  });
});
