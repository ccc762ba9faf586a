// Compiles and bundles src/ into dist/, the only shipped code (tsc emits the
// declarations into types/, and build/ for the tests): one ES module graph with shared
// chunks, so the CLI and `import ... from "dropline"` in user modules share every
// class and token, and the CLI starts in ~0.2 s instead of ~0.45 s (hundreds of
// small ESM files resolved at start-up dominated it). Large optional packages
// stay outside and load only when used. Then the JSON Schema of pipeline files (scripts/writeSchema.mjs).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts', 'engine/scanWorker': 'src/engine/scanWorker.ts' },
  // experimentalDecorators from here; every injected constructor argument names its token with
  // @inject, so the decorator metadata esbuild does not emit is not needed.
  tsconfig: 'tsconfig.json',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@faker-js/faker', 'exceljs', 'tsx', 'tsx/*', 'better-sqlite3', 'pg', 'pg-boss', 'pg-copy-streams', 'playwright-core'],
  // winston's internal debug channel in its production build: the development one loads colour and
  // environment parsing (colorspace, kuler...) at start-up for output only DEBUG=winston:* would show.
  alias: { '@dabh/diagnostics': './node_modules/@dabh/diagnostics/node/production.js' },
  // Bundled CommonJS packages (winston, csv-parse...) may call require().
  banner: { js: "import { createRequire as __droplineRequire } from 'node:module'; const require = __droplineRequire(import.meta.url);" },
  logLevel: 'warning',
});

await import('./writeSchema.mjs');
