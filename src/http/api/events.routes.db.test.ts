import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readDataVersion } from '../../actions/data-version.action.ts';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { drainRollupQueue } from '../../actions/drain-rollup-queue.action.ts';
import { KIT_INDICATORS, storeKit, T0 } from '../../actions/events.test-kit.ts';
import { buildApp } from '../app.ts';
import { ndjson, postEvents, realSiteActions, startApi, type ApiUnderTest, type TestDatabase } from './api.test-kit.ts';

const call = (id: string, answered: boolean, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'call.received',
  occurredAt: '2026-03-02T10:30:00+01:00',
  attributes: { answered },
  ...extra,
});

const UNAUTHORISED = /^a valid API token is required/;

describe('POST /api/v1/events', () => {
  const ctx = createDialectContext('sqlite');
  let database: TestDatabase;
  let api: ApiUnderTest;
  let service: string;

  beforeEach(async () => {
    database = await ctx.openFresh();
    service = await storeKit(database, KIT_INDICATORS.slice(0, 1));
    api = startApi(database, () => T0, { api: { ingestBodyLimitBytes: 4096, ingestRequestsPerMinute: 5 } });
  });
  afterEach(async () => {
    await api.app.close();
    await ctx.cleanup();
  });
  afterAll(() => ctx.dispose());

  const sources = async () => (await api.app.inject('/api/v1/sources')).json<{ sources: { name: string; eventCount: number }[] }>().sources;
  const yearValue = async () => {
    const response = await api.app.inject(`/api/v1/results?year=2026&service=${service}`);
    return response.json<{ results: { year: { value: number | null; status: string } }[] }>().results[0]?.year;
  };

  /** POSTs a body over a real connection in pieces, 20 ms apart, as a slow client would. */
  const postInPieces = async (token: string, pieces: readonly Buffer[], headers: Record<string, string | number>) => {
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = api.app.server.address() as AddressInfo;
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: '/api/v1/events', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      // The server may answer (413) and close before the last piece is written.
      request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const writeNext = (index: number) => {
        const piece = pieces[index];
        if (piece === undefined) return void request.end();
        request.write(piece);
        setTimeout(() => writeNext(index + 1), 20);
      };
      writeNext(0);
    });
  };

  it('stores a batch once: sent again, every event is a duplicate and nothing changes', async () => {
    const token = await api.tokenFor('contact-centre');
    const body = ndjson(call('c1', true), call('c2', true), call('c3', false));
    const first = await postEvents(api.app, token, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0, corrected: 0, rejected: [] });
    // The version straight from the database: the cache trusts a read for 100 ms, which would make this racy.
    const afterFirst = { sources: await sources(), value: await yearValue(), version: await readDataVersion({ database }) };

    const second = await postEvents(api.app, token, body);
    expect(second.json()).toEqual({ accepted: 0, duplicates: 3, corrected: 0, rejected: [] });
    expect({ sources: await sources(), value: await yearValue(), version: await readDataVersion({ database }) }).toEqual(afterFirst);
    expect(afterFirst.sources).toEqual([expect.objectContaining({ name: 'contact-centre', eventCount: 3 })]);
  });

  it('counts the same id with other content as a correction', async () => {
    const token = await api.tokenFor('contact-centre');
    await postEvents(api.app, token, ndjson(call('c1', false)));
    expect((await postEvents(api.app, token, ndjson(call('c1', true)))).json()).toEqual({ accepted: 0, duplicates: 0, corrected: 1, rejected: [] });
    expect((await yearValue())?.value).toBe(100);
  });

  it('shows new events in the public results on the next request', async () => {
    const token = await api.tokenFor('contact-centre');
    expect(await yearValue()).toMatchObject({ value: null, status: 'no-data' });
    await postEvents(api.app, token, ndjson(call('c1', true), call('c2', false)));
    expect(await yearValue()).toMatchObject({ value: 50, status: 'below-target' });
    await postEvents(api.app, token, ndjson(...Array.from({ length: 18 }, (_, i) => call(`ok-${i}`, true))));
    expect(await yearValue()).toMatchObject({ value: 95 });
  });

  it('answers before the rollups are recomputed, then recomputes them by itself within moments', async () => {
    const token = await api.tokenFor('contact-centre');
    const response = await postEvents(api.app, token, ndjson(call('c1', true), call('c2', false)));
    expect(response.json()).toMatchObject({ accepted: 2 });
    // Read straight from the database: the cache's own version read would drain the queue itself.
    const acknowledged = await readDataVersion({ database });
    // No report is asked for: the drain the route schedules alone must recompute the days, which moves the version.
    const deadline = Date.now() + 5000;
    while ((await readDataVersion({ database })) === acknowledged && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readDataVersion({ database })).toBe(acknowledged + 1);
    expect(await drainRollupQueue({ database })).toEqual({ indicators: 0, days: 0, faults: 0 });
    expect(await yearValue()).toMatchObject({ value: 50, status: 'below-target' });
  });

  it('asks for a checkpoint after each ingestion that stored something, and not after one of pure re-sends', async () => {
    const { actions } = realSiteActions(database, () => T0);
    let checkpoints = 0;
    const counted = buildApp(
      {
        ...actions,
        checkpointDatabase: async () => {
          checkpoints += 1;
          await actions.checkpointDatabase?.();
        },
      },
      { logger: false, now: () => T0, rateLimitPerMinute: false },
    );
    try {
      const token = await api.tokenFor('contact-centre');
      const body = ndjson(call('k1', true), call('k2', false));
      expect((await postEvents(counted, token, body)).json()).toMatchObject({ accepted: 2 });
      expect(checkpoints).toBe(1);
      expect((await postEvents(counted, token, body)).json()).toMatchObject({ duplicates: 2 });
      expect(checkpoints).toBe(1);
      expect((await postEvents(counted, token, ndjson(call('k1', false)))).json()).toMatchObject({ corrected: 1 });
      expect(checkpoints).toBe(2);
    } finally {
      await counted.close();
    }
  });

  it('under a feed that never pauses, still recomputes the queued days within seconds', async () => {
    const feed = startApi(database, () => T0, { api: { ingestRequestsPerMinute: false } });
    try {
      const token = await feed.tokenFor('contact-centre');
      const initial = await readDataVersion({ database });
      const started = Date.now();
      let drainedAfter: number | undefined;
      // A request every 150 ms for 4.5 s: never quiet for the 500 ms after which a drain starts by itself. Each
      // answered request has moved the version once (its commit); a drain moves it once more.
      for (let posts = 1; Date.now() - started < 4500; posts += 1) {
        expect((await postEvents(feed.app, token, ndjson(call(`f${posts}`, true)))).statusCode).toBe(200);
        if (drainedAfter === undefined && (await readDataVersion({ database })) > initial + posts) drainedAfter = Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(drainedAfter).toBeDefined();
      expect(drainedAfter).toBeLessThan(4000);
    } finally {
      await feed.app.close();
    }
  });

  it('keeps the good lines and rejects a bad one with its line number and field', async () => {
    const token = await api.tokenFor('contact-centre');
    const body = ndjson(call('c1', true), '{"id": "c2", "kind": "call.received"', '', call('c3', true, { occurredAt: '2026-03-02 10:30' }), call('c4', false));
    const response = await postEvents(api.app, token, body);
    expect(response.statusCode).toBe(200);
    const summary = response.json<{ accepted: number; rejected: { line: number; field: string; message: string }[] }>();
    expect(summary.accepted).toBe(2);
    expect(summary.rejected).toEqual([
      { line: 2, field: 'json', message: expect.stringContaining('not valid JSON') },
      { line: 4, field: 'occurredAt', message: expect.stringContaining('no UTC offset') },
    ]);
    expect((await sources())[0]?.eventCount).toBe(2);
  });

  it("rejects, on its line, an event naming another source than the token's", async () => {
    const token = await api.tokenFor('contact-centre');
    const response = await postEvents(api.app, token, ndjson(call('c1', true, { source: 'contact-centre' }), call('c2', true, { source: 'probe' })));
    expect(response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      corrected: 0,
      rejected: [{ line: 2, field: 'source', message: "'probe' is not the source of this token ('contact-centre')" }],
    });
    expect((await sources()).map((s) => s.name)).toEqual(['contact-centre']);
  });

  it('takes a JSON array too, numbering its items as lines', async () => {
    const token = await api.tokenFor('contact-centre');
    const response = await postEvents(api.app, token, JSON.stringify([call('c1', true), 42, call('c3', true)]), 'application/json; charset=utf-8');
    expect(response.json()).toMatchObject({ accepted: 2, rejected: [{ line: 2, field: 'json', message: expect.stringContaining('not a JSON object') }] });
    const notArray = await postEvents(api.app, token, JSON.stringify(call('c1', true)), 'application/json');
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json<{ message: string }>().message).toBe('body must be array');
  });

  it('answers 401 with one message for a missing, wrong or revoked token', async () => {
    const token = await api.tokenFor('contact-centre');
    await api.revoke(token);
    const live = await api.tokenFor('contact-centre');
    const body = ndjson(call('c1', true));
    const answers = [
      await postEvents(api.app, undefined, body),
      await postEvents(api.app, `${live}x`, body),
      await postEvents(api.app, token, body),
      await api.app.inject({ method: 'POST', url: '/api/v1/events', headers: { authorization: `Basic ${live}`, 'content-type': 'application/x-ndjson' }, payload: body }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="misura"');
      expect(answer.json<{ message: string }>().message).toMatch(UNAUTHORISED);
    }
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await sources()).toEqual([]);
    expect((await postEvents(api.app, live, body)).statusCode).toBe(200);
  });

  it('reads a body that arrives in pieces, split within lines and within a character, over a real connection', async () => {
    const token = await api.tokenFor('contact-centre');
    const body = Buffer.from(ndjson(call('c1', true, { subject: 'Pratica è' }), call('c2', false), { id: 'c3' }));
    const at = body.indexOf(Buffer.from('è')) + 1;
    const pieces = [body.subarray(0, 10), body.subarray(10, at), body.subarray(at, at + 30), body.subarray(at + 30)];
    const answer = await postInPieces(token, pieces, { 'content-length': body.length });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ accepted: 2, duplicates: 0, corrected: 0, rejected: [{ line: 3, field: 'kind', message: expect.stringMatching(/^missing/) }] });
    expect((await sources())[0]?.eventCount).toBe(2);
    // Sent again in one piece, the event with the split character is the same event, so the character was read whole.
    expect((await postEvents(api.app, token, ndjson(call('c1', true, { subject: 'Pratica è' })))).json()).toMatchObject({ duplicates: 1, corrected: 0 });
  });

  it('answers 413 to a chunked body that grows past the limit while it arrives, and stores nothing', async () => {
    const token = await api.tokenFor('contact-centre');
    const body = Buffer.from(ndjson(...Array.from({ length: 60 }, (_, i) => call(`c${i}`, true))));
    // No Content-Length: the limit can only be seen while reading.
    const answer = await postInPieces(token, [body.subarray(0, 2000), body.subarray(2000, 4000), body.subarray(4000)], {});
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ message: 'the request body is larger than 4096 bytes: send the events in smaller batches' });
    expect(await sources()).toEqual([]);
  });

  it('answers 413 beyond the body limit and stores nothing', async () => {
    const token = await api.tokenFor('contact-centre');
    const body = ndjson(...Array.from({ length: 60 }, (_, i) => call(`c${i}`, true)));
    expect(Buffer.byteLength(body)).toBeGreaterThan(4096);
    const response = await postEvents(api.app, token, body);
    expect(response.statusCode).toBe(413);
    expect(response.json<{ message: string }>().message).toBe('the request body is larger than 4096 bytes: send the events in smaller batches');
    const asJson = await postEvents(api.app, token, JSON.stringify(Array.from({ length: 60 }, (_, i) => call(`c${i}`, true))), 'application/json');
    expect(asJson.statusCode).toBe(413);
    expect(await sources()).toEqual([]);
  });

  it.each([['text/plain'], ['application/xml'], ['multipart/form-data; boundary=x']])('answers 415 to a %s body', async (type) => {
    const token = await api.tokenFor('contact-centre');
    const response = await postEvents(api.app, token, ndjson(call('c1', true)), type);
    expect(response.statusCode).toBe(415);
    expect(response.json<{ message: string }>().message).toContain('send events as application/x-ndjson');
  });

  it('limits requests per token, not per address', async () => {
    const [first, second] = [await api.tokenFor('contact-centre'), await api.tokenFor('probe')];
    for (let i = 0; i < 5; i += 1) expect((await postEvents(api.app, first, ndjson(call(`c${i}`, true)))).statusCode).toBe(200);
    const refused = await postEvents(api.app, first, ndjson(call('c9', true)));
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await postEvents(api.app, second, ndjson(call('p1', true)))).statusCode).toBe(200);
  });
});
