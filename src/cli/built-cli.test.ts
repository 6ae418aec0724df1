import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

  it('ingests in a child whose heap is capped, and says so in one sentence when the heap runs out', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'misura-built-'));
    const file = join(folder, 'events.ndjson');
    writeFileSync(file, '{"id":"e1","source":"s","kind":"call.answered","occurredAt":"2026-03-02T10:00:00Z"}\n');
    const env = { ...process.env, MISURA_DB_URL: join(folder, 'misura.db') };
    // 8 MB cannot even load the CLI: the cap was applied to the process that ingests.
    const starved = await run(process.execPath, ['bin/misura.js', 'ingest', file], { cwd: root, env: { ...env, MISURA_INGEST_HEAP_MB: '8' } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(starved?.code).toBe(1);
    expect(starved?.stderr).toMatch(/^misura ingest: ran out of its 8 MB heap .* MISURA_INGEST_HEAP_MB=32 misura ingest/);
    expect(starved?.stderr).not.toMatch(/Last few GCs|FATAL ERROR/);
    // With the default cap the same file goes in, once.
    const stored = await run(process.execPath, ['bin/misura.js', 'ingest', file], { cwd: root, env });
    expect(stored.stdout).toMatch(/^1 new, 0 already stored/);
    const sources = await run(process.execPath, ['bin/misura.js', 'sources', '--json'], { cwd: root, env });
    expect(JSON.parse(sources.stdout)).toMatchObject({ sources: [{ name: 's', eventCount: 1 }] });
    const wrong = await run(process.execPath, ['bin/misura.js', 'ingest', file], { cwd: root, env: { ...env, MISURA_INGEST_HEAP_MB: 'lots' } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(wrong?.code).toBe(2);
    expect(wrong?.stderr).toContain('MISURA_INGEST_HEAP_MB must be a whole number of megabytes');
  }, 120_000);

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
