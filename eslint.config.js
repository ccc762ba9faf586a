// ESLint (flat config) with typescript-eslint and the import-cycle rule.
// The lint toolchain is installed in tools/lint/ (its own package.json and
// lockfile): typescript-eslint parses with TypeScript's JavaScript API, which
// TypeScript 7 (the project's compiler) no longer ships, so it gets TypeScript 5 there.
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tools/lint/package.json', import.meta.url));
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'types/**', 'node_modules/**', 'tools/**', 'templates/**', 'bench/data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Which files the rule follows and parses (.ts with the typescript-eslint parser), then how `./x.js` finds x.ts.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Value imports only: `import type` is erased at compile time and cannot make a cycle at run time.
      'import-x/no-cycle': 'error',
      // A leading underscore marks a parameter or binding unused on purpose (as tsc's noUnusedLocals allows).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The page's script: classic browser scripts sharing one scope (served concatenated, src/server/page/pageScript.ts);
    // each names what the other parts use in a `/* exported ... */` comment, which only counts in a script.
    files: ['src/server/page/*.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    // Only the CLI prints (docs/STYLE: no console.* outside src/cli/).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
