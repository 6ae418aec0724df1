// The worker thread's entry, in plain JavaScript: a worker inherits neither vitest's nor tsx's module loaders, so it
// registers tsx itself before loading the TypeScript worker (as bin/misura.js does for the CLI).
import { register } from 'tsx/esm/api';

register();
await import('./rollup-drain.worker.ts');
