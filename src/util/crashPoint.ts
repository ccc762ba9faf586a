/**
 * Test hook for the commit protocol: when DROPLINE_CRASH_AT names this point,
 * the process kills itself with SIGKILL right here, as a power cut would.
 * The crash tests drive every point to prove the next run recovers.
 * `DROPLINE_PAUSE_AT` names a point where the process stops itself (SIGSTOP) instead.
 */
export function crashPoint(name: string): void {
  if (process.env.DROPLINE_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
  // DROPLINE_PAUSE_AT stops the process here instead (SIGSTOP), as a paused machine would: the team-mode tests
  // let its lease expire, run the pipeline elsewhere, then SIGCONT it.
  if (process.env.DROPLINE_PAUSE_AT === name) process.kill(process.pid, 'SIGSTOP');
}
