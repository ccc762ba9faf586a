import { spawnSync } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs npm, npx or any command as a user would in `cwd`: without the npm_*
 * settings of the `npm test` running the suite (they would change what npm does).
 */
export function runCommand(command: string, args: string[], cwd: string, timeout = 500_000): CommandResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
