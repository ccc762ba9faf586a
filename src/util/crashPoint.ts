/**
 * Test hook for the commit protocol: when DROPLINE_CRASH_AT names this point,
 * the process kills itself with SIGKILL right here, as a power cut would.
 * The crash tests drive every point to prove the next run recovers.
 */
export function crashPoint(name: string): void {
  if (process.env.DROPLINE_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
