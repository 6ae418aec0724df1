#!/usr/bin/env node
// The `misura` command. It runs the JavaScript that `npm run build` compiles into dist/ (`npm ci` builds it through
// npm's `prepare`). From a checkout whose sources changed since the last build it runs the TypeScript sources through
// tsx instead, with a one-line note: never code older than the sources, and no build step to forget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// An older Node fails later and obscurely (ERR_REQUIRE_ESM in `serve`): say so first. package.json's "engines" says which.
const minimum = /^>=\s*(\d+)\.(\d+)/.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '');
const [major, minor] = process.versions.node.split('.').map(Number);
if (minimum !== null && (major < Number(minimum[1]) || (major === Number(minimum[1]) && minor < Number(minimum[2])))) {
  process.stderr.write(`misura: needs Node ${minimum[1]}.${minimum[2]} or later; this is Node ${process.versions.node}\n`);
  process.exit(1);
}

/** The newest modification time (ms) of the files the build compiles or copies, tests left out. */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test\.tsx?$|test-kit\.ts$|\.test-child\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why dist/ cannot be trusted, or null when it is complete and newer than every source. */
function staleReason() {
  const stamp = statSync(join(root, 'dist', '.build-stamp'), { throwIfNoEntry: false });
  if (stamp === undefined) return 'there is no complete build in dist/';
  // An install without the sources (none ships today) has nothing to compare with.
  if (statSync(join(root, 'src'), { throwIfNoEntry: false }) === undefined) return null;
  return newestSource(join(root, 'src')) > stamp.mtimeMs ? 'src/ changed since the last build' : null;
}

const reason = staleReason();
let main;
if (reason === null) {
  main = '../dist/cli/main.js';
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(`misura: ${reason}, and tsx (a dev dependency) is not installed to run the sources: run \`npm ci && npm run build\`\n`);
    process.exit(1);
  }
  process.stderr.write(`misura: ${reason}; running the TypeScript sources through tsx (slower start; \`npm run build\` makes it fast again)\n`);
  main = '../src/cli/main.ts';
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv);
