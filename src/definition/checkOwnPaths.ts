import { stat } from 'node:fs/promises';
import { isInside } from '../util/isInside.js';
import type { PipelinePaths } from './pipelinePaths.js';

/**
 * What is wrong with where one pipeline writes, seen on its own: an output
 * path that is a folder (the commit would record a snapshot and then fail to
 * write latest.csv), or latest.csv or rejects inside the pipeline's own drop
 * (the next run would read them back as input), or a quarantine that is the
 * drop itself (a subfolder is passed over; the drop itself is read). Null when nothing is.
 */
export async function checkOwnPaths(paths: PipelinePaths): Promise<string | null> {
  const { output, drop, rejects } = paths;
  const isFolder =
    /[/\\]$/.test(output.value) ||
    (await stat(output.absolute).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  if (isFolder) return `output.path "${output.value}" is a folder; name the file latest.csv is written to, e.g. ${output.value.replace(/[/\\]+$/, '')}/latest.csv`;
  if (drop && paths.quarantine.absolute === drop.absolute) {
    return `validation.quarantine "${paths.quarantine.value}" is the drop (source.path "${drop.value}"): files set aside would be read again by the next run; give the quarantine its own folder, e.g. input/quarantine`;
  }
  for (const written of [output, rejects]) {
    if (drop && (written.absolute === drop.absolute || isInside(written.absolute, drop.absolute))) {
      return `${written.key} "${written.value}" is inside the drop (source.path "${drop.value}"): the next run would read it back as input; move it out of the drop`;
    }
  }
  return null;
}
