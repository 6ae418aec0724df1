import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Starts `misura serve` through bin/misura.js; resolves to its address once it listens, and a stop function. */
async function startServer(env: NodeJS.ProcessEnv): Promise<{ address: string; stop: () => Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, ['bin/misura.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /serving the public site on (http:\/\/\S+)/.exec(stdout);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    void exited.then((code) => reject(new Error(`misura serve exited with ${code} before listening: ${stderr}`)));
  });
  return {
    address,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('the built CLI (npm run build, then bin/misura.js)', () => {
  beforeAll(async () => {
    // The real dist/, as `npm ci` builds it: a source that does not compile, or an asset left behind, fails here.
    await run(process.execPath, ['scripts/build.mjs'], { cwd: root });
  }, 240_000);

  it('runs the compiled JavaScript, not the TypeScript sources, and prints the usage', async () => {
    const { stdout, stderr } = await run(process.execPath, ['bin/misura.js', '--help'], { cwd: root });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: misura \[options\] \[command\]/);
    expect(stdout).toMatch(/report \[options\]/);
  }, 60_000);

  it('serves pages, their stylesheet and the drain worker thread from dist/', async () => {
    const env = { ...process.env, MISURA_DB_URL: join(mkdtempSync(join(tmpdir(), 'misura-built-')), 'misura.db') };
    const server = await startServer(env);
    try {
      // The home page drains the rollup queue first, in the worker thread started from dist/jobs.
      const home = await fetch(`${server.address}/`);
      expect(home.status).toBe(200);
      const css = await fetch(`${server.address}/static/site/site.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('{');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.stderr()).toBe('');
  }, 120_000);
});
