// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers the domain must never reach: it stays pure so it can be tested and reused anywhere. */
const domainForbidden = [
  { group: ['**/storage/**', '**/actions/**', '**/http/**', '**/cli/**', '**/jobs/**', '**/formats/**', '**/config/**', '**/context*'], message: 'src/domain is pure: it imports nothing outside src/domain.' },
  { group: ['kysely', 'better-sqlite3', 'pg', 'fastify', '@fastify/*', 'node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'node:child_process', 'commander', 'exceljs', 'csv-parse', 'csv-parse/*'], message: 'src/domain does no I/O.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'bin/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/domain/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: domainForbidden }] },
  },
  {
    // Only actions and the composition root touch storage; http, cli and jobs go through actions.
    files: ['src/http/**', 'src/cli/**', 'src/jobs/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/storage/**'], message: 'Call an action; only actions reach storage.' }] }] },
  },
  {
    files: ['src/formats/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/storage/**', '**/actions/**', '**/http/**', '**/cli/**'], message: 'formats turn files into domain values and back; they do not reach storage or callers.' }] }] },
  },
  {
    // The demo generator is pure: it makes domain values from a seed, nothing else.
    files: ['src/demo/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/storage/**', '**/actions/**', '**/http/**', '**/cli/**', '**/formats/**', 'node:*'], message: 'src/demo only builds domain values.' }] }] },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
