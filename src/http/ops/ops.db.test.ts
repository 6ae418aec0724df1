import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { KIT_INDICATORS, storeKit, T0 } from '../../actions/events.test-kit.ts';
import { ndjson, postEvents, startApi, type ApiUnderTest } from '../api/api.test-kit.ts';

const call = (id: string, answered: boolean) => ({ id, kind: 'call.received', occurredAt: '2026-03-02T10:30:00+01:00', attributes: { answered } });

describe('operations: ETags, the answer cache and /metrics', () => {
  const ctx = createDialectContext('sqlite');
  let api: ApiUnderTest;
  let service: string;

  beforeEach(async () => {
    const database = await ctx.openFresh();
    service = await storeKit(database, KIT_INDICATORS.slice(0, 2));
    api = startApi(database, () => T0);
  });
  afterEach(async () => {
    await api.app.close();
    await ctx.cleanup();
  });
  afterAll(() => ctx.dispose());

  it.each([['/servizi/SERVICE'], ['/en/servizi/SERVICE'], ['/api/v1/results?year=2026'], ['/api/v1/services']])(
    'answers %s with an ETag, 304 to If-None-Match, and a new ETag once events arrive',
    async (template) => {
      const url = template.replace('SERVICE', service);
      const first = await api.app.inject(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[0-9a-z]+-[A-Za-z0-9_-]{27}"$/);
      expect(first.headers['cache-control']).toBe('no-cache');

      const revalidated = await api.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
      expect(revalidated.headers.etag).toBe(etag);

      // The second plain request is served from memory: the same bytes and headers, no evaluation.
      const evaluations = api.reportCache.stats().evaluations;
      const again = await api.app.inject(url);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(api.reportCache.stats().evaluations).toBe(evaluations);

      await postEvents(api.app, await api.tokenFor('contact-centre'), ndjson(call('c1', true)));
      const changed = await api.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    },
  );

  it('gives each language and URL its own ETag, and none to probes, live numbers or errors', async () => {
    const it = await api.app.inject(`/servizi/${service}`);
    const en = await api.app.inject(`/en/servizi/${service}`);
    expect(it.headers.etag).not.toBe(en.headers.etag);
    for (const url of ['/healthz', '/metrics', '/api/v1/sources', '/servizi/no-such-service', '/api/v1/services/no-such-service']) {
      expect((await api.app.inject(url)).headers.etag, url).toBeUndefined();
    }
  });

  it('keeps answers apart per host, and still counts cached pages against the rate limit', async () => {
    const a = await api.app.inject({ url: '/api/v1/services', headers: { host: 'a.example' } });
    const b = await api.app.inject({ url: '/api/v1/services', headers: { host: 'b.example' } });
    expect(a.headers.etag).not.toBe(b.headers.etag);

    await api.app.close();
    const limited = startApi(await ctx.openFresh(), () => T0, { rateLimitPerMinute: 2 });
    api = limited;
    expect((await limited.app.inject('/api/v1/services')).statusCode).toBe(200);
    expect((await limited.app.inject('/api/v1/services')).statusCode).toBe(200);
    expect((await limited.app.inject('/api/v1/services')).statusCode).toBe(429);
  });

  it('re-sent duplicates keep the ETags: nothing changed', async () => {
    const token = await api.tokenFor('contact-centre');
    await postEvents(api.app, token, ndjson(call('c1', true)));
    const before = (await api.app.inject('/api/v1/results')).headers.etag;
    await postEvents(api.app, token, ndjson(call('c1', true)));
    expect((await api.app.inject('/api/v1/results')).headers.etag).toBe(before);
  });

  it('exposes indicator gauges, ingestion counters and source silence in Prometheus text', async () => {
    const token = await api.tokenFor('contact-centre');
    await postEvents(api.app, token, ndjson(call('c1', true), call('c2', true), call('c3', false), '{bad'));
    await postEvents(api.app, token, ndjson(call('c1', true)));
    const response = await api.app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.body.split('\n');
    const labels = `service="${service}",indicator="chiamate-risposte",edition="2026"`;
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE misura_indicator_value gauge',
        `misura_indicator_value{${labels}} 66.66666666666666`,
        `misura_indicator_target{${labels}} 90`,
        `misura_indicator_status{${labels},status="met"} 0`,
        `misura_indicator_status{${labels},status="missed"} 0`,
        `misura_indicator_status{${labels},status="at-risk"} 0`,
        `misura_indicator_status{${labels},status="below-target"} 1`,
        `misura_indicator_status{${labels},status="no-data"} 0`,
        `misura_indicator_status{service="${service}",indicator="interventi",edition="2026",status="no-data"} 1`,
        '# TYPE misura_events_ingested_total counter',
        'misura_events_ingested_total{source="contact-centre",result="accepted"} 3',
        'misura_events_ingested_total{source="contact-centre",result="duplicate"} 1',
        'misura_events_ingested_total{source="contact-centre",result="corrected"} 0',
        'misura_events_ingested_total{source="contact-centre",result="rejected"} 1',
        // The last call happened on 2026-03-02 at 09:30 UTC; the clock says 2026-03-10 11:00 UTC.
        `misura_source_seconds_since_last_event{source="contact-centre"} ${8 * 86_400 + 90 * 60}`,
      ]),
    );
    expect(response.body).toMatch(/^misura_indicator_budget_left\{service="[^"]+",indicator="chiamate-risposte",edition="2026"\} -?\d/m);
    // Every sample line is "name{labels} value" or "name value".
    for (const line of lines.filter((l) => l !== '' && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? -?[0-9.e+]+$|^[a-z_]+(\{[^}]*\})? (NaN|[+-]Inf)$/);
  });
});
