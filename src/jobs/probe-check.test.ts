import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbe } from '../domain/probes/probe.ts';
import { checkProbe } from './probe-check.ts';

/** A local portal: /ok answers a page, /down 503, /maintenance a maintenance page, /hang never answers. */
let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    if (req.url === '/hang') return;
    if (req.url === '/down') res.writeHead(503).end('Service Unavailable');
    else if (req.url === '/maintenance') res.writeHead(200).end('<h1>Servizio non disponibile</h1>');
    else if (req.url === '/flaky') res.writeHead(hits % 2 === 0 ? 200 : 502).end('<h1>Benvenuti</h1>');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Benvenuti nel portale</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const http = (path: string, extra: Record<string, string> = {}) => parseProbe({ name: 'portale', target: `${base}${path}`, retries: '0', ...extra });

describe('checkProbe over HTTP against a real local server', () => {
  it('passes a page that answers 200 with its keyword, and measures the time', async () => {
    const outcome = await checkProbe(http('/ok', { keyword: 'Benvenuti' }));
    expect(outcome).toMatchObject({ ok: true, status: 200, attempts: 1 });
    expect(outcome.latencyMs).toBeGreaterThan(0);
    expect(outcome.error).toBeUndefined();
  });

  it('fails a server error, a maintenance page and a page without its keyword, saying why', async () => {
    expect(await checkProbe(http('/down'))).toMatchObject({ ok: false, status: 503, error: 'status 503' });
    expect(await checkProbe(http('/maintenance', { keywordAbsent: 'non disponibile' }))).toMatchObject({ ok: false, status: 200, error: '"non disponibile" found' });
    expect(await checkProbe(http('/ok', { keyword: 'Accedi' }))).toMatchObject({ ok: false, error: '"Accedi" not found' });
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    const outcome = await checkProbe(http('/hang', { timeout: '1', interval: '10' }));
    expect(outcome).toMatchObject({ ok: false, error: 'no answer within 1 s' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(900);
    expect(outcome.latencyMs).toBeLessThan(5000);
  });

  it('tries again before counting a check as failed', async () => {
    hits = 0;
    // The first request of /flaky answers 502, the second 200.
    const outcome = await checkProbe(parseProbe({ name: 'portale', target: `${base}/flaky`, retries: '2' }));
    expect(outcome).toMatchObject({ ok: true, attempts: 2, status: 200 });
  });

  it('fails a refused connection', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await checkProbe(parseProbe({ name: 'p', target: `http://127.0.0.1:${port}/`, retries: '0' }))).toMatchObject({ ok: false, error: 'connection refused' });
  });
});

describe('checkProbe over TCP and DNS', () => {
  it('passes an open port and fails a closed one', async () => {
    const open = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => open.listen(0, '127.0.0.1', resolve));
    const port = (open.address() as AddressInfo).port;
    try {
      expect(await checkProbe(parseProbe({ name: 'pec', kind: 'tcp', target: `127.0.0.1:${port}`, retries: '0' }))).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((resolve) => open.close(() => resolve()));
    }
    expect(await checkProbe(parseProbe({ name: 'pec', kind: 'tcp', target: `127.0.0.1:${port}`, retries: '0' }))).toMatchObject({ ok: false, error: 'connection refused' });
  });

  it('resolves a known name and fails a name that does not exist', async () => {
    expect(await checkProbe(parseProbe({ name: 'dns', kind: 'dns', target: 'localhost', retries: '0' }))).toMatchObject({ ok: true });
    // .invalid never resolves (RFC 6761); offline, the lookup fails or times out: a failed check either way.
    expect(await checkProbe(parseProbe({ name: 'dns', kind: 'dns', target: 'misura-probe-test.invalid', retries: '0', timeout: '3', interval: '10' }))).toMatchObject({ ok: false });
  });
});
