import { connect, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { KIT_INDICATORS, storeKit, T0 } from '../../actions/events.test-kit.ts';
import { startApi, type ApiUnderTest, type TestDatabase } from './api.test-kit.ts';

const call = (id: string, occurredAt = '2026-03-02T10:30:00+01:00', attributes: unknown = { answered: true }) => ({ id, kind: 'call.received', occurredAt, attributes });
/** A request opened at an instant and closed a week later (or at the end of 9999): its working days need that year's holidays. */
const request = (id: string, occurredAt: string) => [
  { id: `${id}-opened`, kind: 'request.opened', subject: id, occurredAt },
  { id: `${id}-closed`, kind: 'request.closed', subject: id, occurredAt: new Date(Math.min(Date.parse(occurredAt) + 7 * 86_400_000, Date.parse('9999-12-31T23:59:59Z'))).toISOString() },
];

/**
 * What one hostile request must never do: take the site down. Every test talks to a real port, as a feed and a
 * visitor would, and checks the site still answers afterwards.
 */
describe('POST /api/v1/events under hostile input, over a real port', () => {
  const ctx = createDialectContext('sqlite');
  let database: TestDatabase;
  let api: ApiUnderTest;
  let service: string;
  let base: string;

  beforeEach(async () => {
    database = await ctx.openFresh();
    service = await storeKit(database, KIT_INDICATORS);
    api = startApi(database, () => T0);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await api.app.close();
    await ctx.cleanup();
  });
  afterAll(() => ctx.dispose());

  const post = async (token: string, body: string | Uint8Array, contentType = 'application/x-ndjson') => {
    const response = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : Buffer.from(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** Every kind of public page, and what each answers. */
  const pageStatuses = async () => {
    const paths = ['/', `/servizi/${service}`, '/api/v1/results?year=2026', '/metrics', '/opendata', '/en/opendata'];
    const statuses: Record<string, number> = {};
    for (const path of paths) {
      const response = await fetch(`${base}${path}`);
      await response.arrayBuffer();
      statuses[path] = response.status;
    }
    return statuses;
  };

  it.each([
    ['2000-01-01T00:00:00Z', /before 2025-01-01/],
    ['9999-12-31T23:59:59Z', /after 2026-03-11/],
  ])('refuses an event dated %s with its line and field, and every page still answers 200 afterwards', async (occurredAt, reason) => {
    const token = await api.tokenFor('contact-centre');
    const refused = { line: 1, field: 'occurredAt', message: expect.stringMatching(reason) };
    const answer = await post(token, [call('c1', occurredAt), ...request('r1', occurredAt)].map((line) => `${JSON.stringify(line)}\n`).join(''));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, rejected: [refused, { ...refused, line: 2 }, { ...refused, line: 3 }] });
    expect(answer.body.message).toMatch(/^line 1, field "occurredAt": .* \(and 2 more lines: see "rejected"\)$/);
    // The same events in a JSON array, beside a good one: the good one is stored, the bad ones listed.
    const mixed = await post(token, JSON.stringify([call('c2'), ...request('r2', occurredAt)]), 'application/json');
    expect(mixed).toMatchObject({ status: 200, body: { accepted: 1, rejected: [{ ...refused, line: 2 }, { ...refused, line: 3 }] } });
    expect(Object.values(await pageStatuses())).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('survives a 10 KB line of nested arrays, refuses it with its line and field, and answers the next request', async () => {
    const token = await api.tokenFor('contact-centre');
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const lines = [
      `{"id":"n1","kind":"call.received","occurredAt":"2026-03-02T10:30:00+01:00","attributes":{"deep":${nested}}}`,
      `{"id":${nested},"kind":"call.received","occurredAt":"2026-03-02T10:30:00+01:00"}`,
      `{"id":"n3","kind":"call.received","occurredAt":${nested}}`,
      JSON.stringify(call('ok')),
    ];
    const answer = await post(token, `${lines.join('\n')}\n`);
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1, rejected: [{ line: 1, field: 'json' }, { line: 2, field: 'json' }, { line: 3, field: 'json' }] } });
    expect((answer.body.rejected as { message: string }[])[0]?.message).toMatch(/nested more than \d+ levels deep/);
    // The same nesting just under the depth that is refused before parsing: refused on its field, with a short message.
    const shallow = `{"id":"n4","kind":"call.received","occurredAt":"2026-03-02T10:30:00+01:00","attributes":{"deep":[[[[1,2,[3]]]]]}}`;
    const field = await post(token, `${shallow}\n`);
    expect(field).toMatchObject({ status: 400, body: { rejected: [{ line: 1, field: 'attributes.deep', message: '[[[[1,2,[3]]]]] is not a text, a number, true/false or null' }] } });
    // A JSON array of items so nested is refused whole, before it is parsed.
    const array = await post(token, `[${JSON.stringify(call('a1'))},{"id":"a2","attributes":{"x":${nested}}}]`, 'application/json');
    expect(array).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^item 2 is nested more than \d+ levels deep/) } });
    expect(Object.values(await pageStatuses())).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await post(token, `${JSON.stringify(call('after'))}\n`)).body).toMatchObject({ accepted: 1 });
  });

  it('refuses bytes that are not UTF-8 with their line, so two ids that differ only there never become one', async () => {
    const token = await api.tokenFor('contact-centre');
    const withByte = (byte: number) => Buffer.concat([Buffer.from('{"id":"pratica-'), Buffer.from([byte]), Buffer.from('","kind":"call.received","occurredAt":"2026-03-02T10:30:00+01:00"}\n')]);
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(call('ok'))}\n`), withByte(0xe9), withByte(0xe8)]);
    const answer = await post(token, body);
    const notUtf8 = { field: 'json', message: 'the line is not valid UTF-8 (byte 16 of the line): save the file as UTF-8' };
    expect(answer).toMatchObject({ status: 200, body: { accepted: 1, rejected: [{ line: 2, ...notUtf8 }, { line: 3, ...notUtf8 }] } });
    const array = Buffer.concat([Buffer.from(`[${JSON.stringify(call('a1'))},`), withByte(0xe9).subarray(0, -1), Buffer.from(']')]);
    expect(await post(token, array, 'application/json')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^the body is not valid UTF-8 \(byte \d+\)/) } });
    expect(Object.values(await pageStatuses())).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('with an event stored before the window existed, degrades only the indicator it breaks: pages 200, /readyz and its page say why', async () => {
    // What the outage of the 2000-dated event left in a database: the event stored and its day queued.
    await database.db
      .insertInto('events')
      .values([
        { source: 'feed', event_id: 'old-open', kind: 'request.opened', subject: 'OLD', occurred_at: '1999-12-20T09:00:00.000Z', local_date: '1999-12-20', attributes_json: '{}', received_at: T0.toISOString() },
        { source: 'feed', event_id: 'old-close', kind: 'request.closed', subject: 'OLD', occurred_at: '1999-12-28T09:00:00.000Z', local_date: '1999-12-28', attributes_json: '{}', received_at: T0.toISOString() },
      ])
      .execute();
    const indicator = await database.db.selectFrom('indicators').select('id').where('slug', '=', 'tempi-risposta').executeTakeFirstOrThrow();
    await database.db.insertInto('rollup_queue').values({ indicator_id: Number(indicator.id), date: '1999-12-28' }).execute();

    expect(Object.values(await pageStatuses())).toEqual([200, 200, 200, 200, 200, 200]);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      faults: [{ service, edition: '2026', indicator: 'tempi-risposta', reason: expect.stringMatching(/holidays are known for the years 2001/) }],
    });
    const page = await fetch(`${base}/servizi/${service}/indicatori/tempi-risposta?anno=2026`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('non può essere calcolato per ora');
    // The other indicators are judged as usual.
    const { results } = (await (await fetch(`${base}/api/v1/results?year=2026`)).json()) as { results: { indicator: { slug: string }; fault?: unknown }[] };
    expect(results.length).toBe(KIT_INDICATORS.length);
    expect(results.filter((result) => result.fault !== undefined).map((result) => result.indicator.slug)).toEqual(['tempi-risposta']);
  });

  describe('a request that stalls', () => {
    let slow: ApiUnderTest;
    let port: number;
    beforeEach(async () => {
      // Short timeouts, as MISURA_HTTP_REQUEST_TIMEOUT and MISURA_HTTP_HEADERS_TIMEOUT would set them.
      slow = startApi(database, () => T0, { timeouts: { requestMs: 400, headersMs: 300, keepAliveMs: 1000 } });
      await slow.app.listen({ host: '127.0.0.1', port: 0 });
      port = (slow.app.server.address() as AddressInfo).port;
    });
    afterEach(() => slow.app.close());

    /** Writes `head` on a raw socket and sends nothing more; resolves with what came back and when the socket closed. */
    const stall = (head: string) =>
      new Promise<{ answer: string; closedAfterMs: number | undefined }>((resolve) => {
        const started = Date.now();
        const socket = connect(port, '127.0.0.1', () => socket.write(head));
        let answer = '';
        let closedAfterMs: number | undefined;
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          closedAfterMs = Date.now() - started;
          clearTimeout(giveUp);
          resolve({ answer, closedAfterMs });
        });
        // Without a timeout the server would hold it for ever: the test stops waiting after 5 s.
        const giveUp = setTimeout(() => {
          socket.destroy();
          resolve({ answer, closedAfterMs });
        }, 5000);
      });

    it.each([
      ['a Content-Length', 'content-length: 120\r\n'],
      ['chunked encoding', 'transfer-encoding: chunked\r\n'],
    ])('announcing a body by %s and sending none is answered 408 and closed within the configured time', async (_how, header) => {
      const token = await slow.tokenFor('contact-centre');
      const head = `POST /api/v1/events HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${token}\r\ncontent-type: application/x-ndjson\r\n${header}\r\n`;
      const { answer, closedAfterMs } = await stall(head);
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      expect(closedAfterMs).toBeDefined();
      expect(closedAfterMs).toBeLessThan(3000);
      // The server goes on answering.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    });

    it('whose headers never end is closed within the configured time', async () => {
      const { closedAfterMs } = await stall('GET / HTTP/1.1\r\nhost: localhost\r\nx-slow: ');
      expect(closedAfterMs).toBeDefined();
      expect(closedAfterMs).toBeLessThan(3000);
    });
  });
});

