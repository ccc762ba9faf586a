#!/usr/bin/env node
// Stack traces (printed with --verbose) point at src/*.ts through the bundle's source maps. Node parses a
// module's map only when maps are on as it loads, so they are switched on first and the CLI imported after.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
// Output piped into a reader that stops early (`dropline --help | head`): stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}
// Started by `dropline worker` (an IPC channel): end with the worker, so a run never outlives it unseen; its job
// is retried elsewhere, and the lease (fencing the commit) covers a run that got past this.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
const { runCli } = await import('./runCli.js');
const { useColor } = await import('./useColor.js');

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  bytes: (data) => process.stdout.write(data),
  interactive: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  color: useColor(process.env, Boolean(process.stderr.isTTY)),
});
process.exitCode = code;
