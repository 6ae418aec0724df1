import { mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { KIT_INDICATORS } from '../actions/events.test-kit.ts';
import { openContext } from '../context.ts';
import { createBufferIo } from './cli-io.ts';
import { seedKit } from './events-commands.test-kit.ts';
import { parsePortOption, registerServeCommand } from './serve.command.ts';

function programWith(waitForStop: (address: string) => Promise<void>, url = join(mkdtempSync(join(tmpdir(), 'misura-serve-')), 'misura.db'), env: Record<string, string> = {}) {
  const io = createBufferIo({ MISURA_DB_URL: url, ...env });
  const program = new Command('misura').exitOverride();
  registerServeCommand(program, io, () => {}, { waitForStop });
  return { io, program };
}

/** How many events the probes recorded in the database at `url`, as `misura sources` counts them. */
async function countProbeEvents(url: string): Promise<number> {
  const context = await openContext({ MISURA_DB_URL: url });
  try {
    return (await context.actions.listSources()).find((source) => source.name === 'probes')?.eventCount ?? 0;
  } finally {
    await context.close();
  }
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

  it('runs the built-in probes while it serves, and not when MISURA_PROBES=off', async () => {
    const target = createServer((_req, res) => res.writeHead(200).end('Benvenuti'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const probed = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
    try {
      for (const [probes, expected] of [['on', 1], ['off', 0]] as const) {
        const url = join(mkdtempSync(join(tmpdir(), 'misura-serve-')), 'misura.db');
        const setup = await openContext({ MISURA_DB_URL: url });
        await setup.actions.addProbe({ name: 'portale', target: probed });
        await setup.close();
        const { program } = programWith(async () => {
          // The scheduler runs the slot under way as soon as it starts: wait for its event, or 3 s.
          const started = Date.now();
          while (Date.now() - started < 3_000 && (await countProbeEvents(url)) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
        }, url, { MISURA_PROBES: probes });
        await program.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error']);
        expect(await countProbeEvents(url)).toBe(expected);
      }
    } finally {
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it('takes events over the API and shows them in the results, the queued days recomputed by the drain worker', async () => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-serve-')), 'misura.db');
    const service = await seedKit(url, KIT_INDICATORS.slice(0, 1));
    const setup = await openContext({ MISURA_DB_URL: url });
    const { token } = await setup.actions.createApiToken({ source: 'contact-centre' });
    await setup.close();
    const call = (id: string, answered: boolean) => JSON.stringify({ id, kind: 'call.received', occurredAt: '2026-03-02T10:30:00+01:00', attributes: { answered } });
    let accepted: unknown;
    let value: unknown;
    const { program } = programWith(async (address) => {
      const posted = await fetch(`${address}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: `${call('c1', true)}\n${call('c2', false)}\n`,
      });
      accepted = ((await posted.json()) as { accepted: number }).accepted;
      // Readers never wait for the drain: the results show the events once the drain worker has recomputed their day.
      const started = Date.now();
      do {
        const results = await fetch(`${address}/api/v1/results?year=2026&service=${service}`);
        value = ((await results.json()) as { results: { year: { value: number | null } }[] }).results[0]?.year.value;
        if (value === null) await new Promise((resolve) => setTimeout(resolve, 50));
      } while (value === null && Date.now() - started < 10_000);
    }, url);
    await program.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error']);
    expect({ accepted, value }).toEqual({ accepted: 2, value: 50 });
  });

  it('answers 408 and closes a request whose body never comes, within MISURA_HTTP_REQUEST_TIMEOUT', async () => {
    const url = join(mkdtempSync(join(tmpdir(), 'misura-serve-')), 'misura.db');
    const setup = await openContext({ MISURA_DB_URL: url });
    const { token } = await setup.actions.createApiToken({ source: 'contact-centre' });
    await setup.close();
    const head = `POST /api/v1/events HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\ncontent-type: application/x-ndjson\r\ncontent-length: 50\r\n\r\n`;
    let outcome: { answer: string; ms: number } | undefined;
    const { program } = programWith(
      async (address) => {
        const { hostname, port } = new URL(address);
        outcome = await new Promise((resolve) => {
          const started = Date.now();
          let answer = '';
          const socket = connect(Number(port), hostname, () => socket.write(head));
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
          socket.on('error', () => undefined);
          const giveUp = setTimeout(() => socket.destroy(), 10_000);
          socket.on('close', () => {
            clearTimeout(giveUp);
            resolve({ answer, ms: Date.now() - started });
          });
        });
      },
      url,
      { MISURA_HTTP_REQUEST_TIMEOUT: '0.5', MISURA_HTTP_HEADERS_TIMEOUT: '0.5' },
    );
    await program.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error']);
    expect(outcome?.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(outcome?.ms).toBeLessThan(5000);
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

  it('builds links on MISURA_BASE_URL, never the Host header, and links the accessibility statement of the settings unless --accessibility-url says otherwise', async () => {
    /** A GET with a Host header of our choosing (fetch may not set one). */
    const get = (address: string, path: string, host: string) =>
      new Promise<string>((resolve, reject) => {
        const { hostname, port } = new URL(address);
        const req = httpRequest({ hostname, port, path, headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve(body));
        });
        req.on('error', reject).end();
      });
    const env = { MISURA_BASE_URL: 'https://trasparenza.example.gov.it', MISURA_ACCESSIBILITY_URL: 'https://form.agid.gov.it/view/dalle-impostazioni', MISURA_PA_NAME: 'Comune di Esempio' };
    const seen: Record<string, string> = {};
    const { program } = programWith(async (address) => {
      seen.catalogue = await get(address, '/opendata/catalogo.jsonld', 'evil.example');
      seen.home = await get(address, '/', 'evil.example');
    }, undefined, env);
    await program.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error']);
    expect(seen.catalogue).toContain('"@id": "https://trasparenza.example.gov.it/opendata#catalogo"');
    expect(seen.catalogue).not.toContain('evil.example');
    expect(seen.home).toContain('href="https://form.agid.gov.it/view/dalle-impostazioni" data-element="accessibility-link"');
    expect(seen.home).toContain('Comune di Esempio');

    const { program: overridden } = programWith(async (address) => {
      seen.home = await get(address, '/', 'localhost');
    }, undefined, env);
    await overridden.parseAsync(['node', 'misura', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'error', '--accessibility-url', 'https://form.agid.gov.it/view/dall-opzione']);
    expect(seen.home).toContain('href="https://form.agid.gov.it/view/dall-opzione" data-element="accessibility-link"');
  });
});
