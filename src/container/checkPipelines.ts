import { DroplineError, type ErrorCode } from '../errors/DroplineError.js';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { toDroplineError } from '../errors/toDroplineError.js';
import { PipelineChecker } from '../runner/PipelineChecker.js';
import { createContainer, createContainerWithPlugins, type ContainerOptions } from './createContainer.js';

/** What `dropline check` reports for one pipeline (`--json` prints `{"pipelines": [these]}`). */
export interface PipelineCheck {
  name: string;
  /** The definition file, relative to the workspace. */
  file: string;
  ok: boolean;
  problems: { code: ErrorCode; message: string }[];
}

/**
 * Checks each pipeline in a container of its own, as a run of it would be
 * built: its definition, the plug-ins it lists, its source and sinks. A
 * pipeline's problems never stop the others from being checked.
 */
export async function checkPipelines(options: ContainerOptions, pipelines: { name: string; file: string }[]): Promise<PipelineCheck[]> {
  const checks: PipelineCheck[] = [];
  for (const { name, file } of pipelines) {
    let problems: unknown[];
    try {
      const container = await createContainerWithPlugins(options, name);
      problems = await container.get(PipelineChecker).check(name);
    } catch (err) {
      // A definition that does not load: every place it breaks the rules, not only the first.
      const invalid = err instanceof DroplineError && err.code === 'DEFINITION_INVALID';
      problems = invalid ? await createContainer(options).get(DefinitionLoader).problems(name) : [err];
    }
    const errors = problems.map(toDroplineError);
    checks.push({ name, file, ok: errors.length === 0, problems: errors.map((e) => ({ code: e.code, message: e.message })) });
  }
  return checks;
}
