import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createBufferIo } from './cli-io.ts';
import { parsePortOption, registerServeCommand } from './serve.command.ts';

function programWith(waitForStop: (address: string) => Promise<void>) {
  const io = createBufferIo({ MISURA_DB_URL: join(mkdtempSync(join(tmpdir(), 'misura-serve-')), 'misura.db') });
  const program = new Command('misura').exitOverride();
  registerServeCommand(program, io, () => {}, { waitForStop });
  return { io, program };
}

describe('misura serve', () => {
  it('serves the site on the given port until told to stop, then closes', async () => {
    let answered: { status: number; body: unknown } | undefined;
    let served = '';
    const { io, program } = programWith(async (address) => {
      served = address;
      const response = await fetch(`${address}/healthz`);
      answered = { status: response.status, body: await response.json() };
    });
    await program.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error']);
    expect(answered).toEqual({ status: 200, body: { status: 'ok' } });
    expect(io.stdout.join('')).toContain(`serving the public site on ${served}`);
    await expect(fetch(`${served}/healthz`)).rejects.toThrow();
  });

  it.each([['http'], ['-1'], ['70000'], ['80.5']])('rejects --port %s, naming the option', (value) => {
    expect(() => parsePortOption(value)).toThrow(/--port must be a port number/);
  });

  it.each([
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--accessibility-url', 'javascript:alert(1)'], /https:\/\//],
  ])('rejects %j before serving', async (args, message) => {
    const { program } = programWith(() => Promise.resolve());
    await expect(program.parseAsync(['node', 'misura', 'serve', '--port', '0', ...args])).rejects.toThrow(message);
  });
});
