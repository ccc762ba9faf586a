import { isInside } from '../util/isInside.js';
import type { PipelinePath, PipelinePaths } from './pipelinePaths.js';

/** One pipeline's places, with the file that defines it (for messages). */
export interface PlacedPipeline {
  /** The definition file as shown in messages, e.g. `pipelines/demo.yaml`. */
  file: string;
  paths: PipelinePaths;
}

const defined = (paths: (PipelinePath | undefined)[]): PipelinePath[] => paths.filter((p): p is PipelinePath => p !== undefined);

/**
 * Why `subject` cannot share the workspace with `others`, one line per clash,
 * each naming the other pipeline's file; empty when it can. Two pipelines
 * clash when they write one output file, share a drop or archive (or one's
 * archive is the other's drop), when one's snapshot folder is or holds the
 * other's (`clean` removes it whole), or when anything of one sits inside the
 * other's drop (it would be read as input). Rejects and quarantine folders
 * may be shared: their files are named by run id and input name.
 */
export function findPathClashes(subject: PlacedPipeline, others: PlacedPipeline[], display: (absolute: string) => string): string[] {
  const clashes: string[] = [];
  const a = subject.paths;
  const quote = (p: PipelinePath): string => `${p.key} "${p.value}"`;
  for (const other of others) {
    const b = other.paths;
    const where = other.file;
    if (a.output.absolute === b.output.absolute) clashes.push(`${quote(a.output)} is also the output.path of ${where}`);
    for (const mine of defined([a.drop, a.archive])) {
      for (const theirs of defined([b.drop, b.archive])) {
        if (mine.absolute === theirs.absolute) clashes.push(`${quote(mine)} is also the ${theirs.key} of ${where}`);
      }
    }
    const folder = `${quote(a.snapshots)} makes the snapshot folder ${display(a.snapshots.absolute)}, which`;
    if (a.snapshots.absolute === b.snapshots.absolute) clashes.push(`${folder} is also the snapshot folder of ${where}`);
    if (isInside(b.snapshots.absolute, a.snapshots.absolute)) clashes.push(`${folder} holds the snapshot folder ${display(b.snapshots.absolute)} of ${where}`);
    if (isInside(a.snapshots.absolute, b.snapshots.absolute)) clashes.push(`${folder} is inside the snapshot folder ${display(b.snapshots.absolute)} of ${where}`);
    const all = (p: PipelinePaths): PipelinePath[] => defined([p.output, p.drop, p.archive, p.rejects, p.quarantine, p.snapshots]);
    if (b.drop) {
      for (const mine of all(a)) if (isInside(mine.absolute, b.drop.absolute)) clashes.push(`${quote(mine)} is inside the source.path of ${where}`);
    }
    if (a.drop) {
      for (const theirs of all(b)) if (isInside(theirs.absolute, a.drop.absolute)) clashes.push(`${quote(a.drop)} holds the ${quote(theirs)} of ${where}`);
    }
    const rejects = [a.rejects, a.quarantine];
    for (const mine of rejects) if (b.drop && mine.absolute === b.drop.absolute) clashes.push(`${quote(mine)} is also the source.path of ${where}`);
    for (const theirs of [b.rejects, b.quarantine]) if (a.drop && theirs.absolute === a.drop.absolute) clashes.push(`${quote(a.drop)} is also the ${theirs.key} of ${where}`);
  }
  return clashes;
}
