#!/usr/bin/env node
import { runCli } from './runCli.js';
import { useColor } from './useColor.js';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns,
  color: useColor(process.env, Boolean(process.stderr.isTTY)),
});
process.exitCode = code;
