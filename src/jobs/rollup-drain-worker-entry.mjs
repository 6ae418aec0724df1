// The worker thread's entry, in plain JavaScript: a worker inherits neither vitest's nor tsx's module loaders. Built
// into dist/ (scripts/build.mjs copies this file) it loads the compiled worker; beside the TypeScript sources it
// registers tsx itself first.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const compiled = new URL('./rollup-drain.worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./rollup-drain.worker.ts');
}
