// `npm run build` (also npm's `prepare`, so `npm ci` runs it): compiles src/ to plain JavaScript in dist/ with
// tsconfig.build.json, copies what is read by path at run time (everything in src/ that is not TypeScript: the site's
// CSS, the worker thread's entry), then writes dist/.build-stamp. bin/misura.js runs dist/ only when that stamp is
// newer than every source file (see bin/misura.js).
//
// `node scripts/build.mjs --out-dir <folder>` builds elsewhere (the build test does; the folder must sit inside the
// repository so that node_modules is found from it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src');
const outIndex = process.argv.indexOf('--out-dir');
const outDir = outIndex === -1 ? join(root, 'dist') : resolve(process.argv[outIndex + 1] ?? '');

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // `npm ci --omit=dev` runs `prepare` without the compiler: say so and let the install finish. bin/misura.js then
  // explains what to do if there is no dist/ either.
  console.error('misura build: skipped, TypeScript is not installed (dev dependencies omitted); build with `npm ci && npm run build` before pruning them');
  process.exit(0);
}

// A clean folder: a source file deleted or renamed leaves no stale module behind.
rmSync(outDir, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error(`misura build: tsc failed (exit ${compiled.status ?? compiled.signal}); ${relative(root, outDir)}/ is incomplete`);
  process.exit(1);
}

/** Every file under `folder`, recursively. */
function* filesUnder(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

let copied = 0;
for (const from of filesUnder(source)) {
  if (/\.tsx?$/.test(from)) continue;
  const to = join(outDir, relative(source, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied += 1;
}
if (!existsSync(join(outDir, 'cli', 'main.js'))) {
  console.error(`misura build: ${relative(root, outDir)}/cli/main.js is missing after tsc`);
  process.exit(1);
}

// Written last: an interrupted build has no stamp, so bin/misura.js does not trust it.
writeFileSync(join(outDir, '.build-stamp'), `${new Date().toISOString()}\n`);
console.log(`misura build: ${relative(root, outDir) || '.'}/ compiled, ${copied} assets copied`);
