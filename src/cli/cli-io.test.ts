import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the CLI's TypeScript entry in a real child process whose `closed` stream has no reader from the start, as in
 * `misura cards | true` (the reader is gone before misura writes: every write meets EPIPE). Resolves to the exit code
 * and what the other stream got.
 */
function runWithReaderGone(closed: 'stdout' | 'stderr', args: string[]): Promise<{ code: number | null; other: string }> {
  const env = { ...process.env, MISURA_DB_URL: join(mkdtempSync(join(tmpdir(), 'misura-epipe-')), 'misura.db') };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child[closed].destroy();
  let other = '';
  child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk: Buffer) => (other += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, other }));
  });
}

describe('the process streams of the CLI', () => {
  it('end quietly with exit code 0 when the reader of the output goes away (EPIPE)', async () => {
    const { code, other } = await runWithReaderGone('stdout', ['--help']);
    expect(other).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('keep the exit code of the command when the reader of the errors goes away', async () => {
    const { code, other } = await runWithReaderGone('stderr', ['cards', '--colour']);
    expect(other).toBe('');
    expect(code).toBe(2);
  }, 60_000);
});
