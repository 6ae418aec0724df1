import { PUBLISH_NOW } from '../../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { importCards } from '../../actions/import-cards.action.ts';
import { listCards } from '../../actions/list-cards.action.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import { readCardText } from '../../formats/card-text.importer.ts';
import { startApi, type ApiUnderTest, type TestDatabase } from './api.test-kit.ts';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown>; parameters?: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** The JSON API over the four real seed cards, through the real actions. */
describe('the JSON API over the seed cards', () => {
  const ctx = createDialectContext('sqlite');
  let database: TestDatabase;
  let api: ApiUnderTest;
  const apiRoutes: string[] = [];

  beforeAll(async () => {
    database = await ctx.openFresh();
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
    await importCards({ database }, files.map((file) => readCardText(readFileSync(join(SEED_DIR, file), 'utf8'), { file })), PUBLISH_NOW);
    api = startApi(database, () => new Date('2026-04-10T10:00:00Z'));
    // Every route the app really has under /api/v1, to hold the OpenAPI document against.
    api.app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (route.url.startsWith('/api/v1') && method !== 'HEAD') apiRoutes.push(`${method} ${route.url}`);
    });
    await api.app.ready();
  });
  afterAll(async () => {
    await api.app.close();
    await ctx.cleanup();
    await ctx.dispose();
  });

  const get = async <T>(url: string, status = 200) => {
    const response = await api.app.inject(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    return response.json<T>();
  };

  it('lists every service with its organisation and editions, as the stored cards say', async () => {
    const cards = await listCards({ database });
    const { services } = await get<{ services: { slug: string; organisation: { slug: string }; editions: { edition: string }[] }[] }>('/api/v1/services');
    expect(services).toHaveLength(4);
    for (const service of services) {
      expect(service.editions.map((e) => e.edition)).toEqual(cards.filter((c) => c.serviceSlug === service.slug).map((c) => c.edition));
    }
  });

  it('gives one service in full, its card editions, and 404 for an unknown or malformed one', async () => {
    const [first] = (await get<{ services: { slug: string; name: string }[] }>('/api/v1/services')).services;
    const detail = await get<{ slug: string; name: string; channels: unknown[]; diffidaBody: { text: string } }>(`/api/v1/services/${first!.slug}`);
    expect(detail).toMatchObject({ slug: first!.slug, name: first!.name });
    expect(detail.diffidaBody.text).not.toBe('');
    const { cards } = await get<{ cards: { service: { slug: string }; indicators: { slug: string; target: { text: string } }[] }[] }>(`/api/v1/services/${first!.slug}/cards`);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => c.service.slug === first!.slug && c.indicators.length > 0)).toBe(true);

    for (const url of ['/api/v1/services/no-such-service', '/api/v1/services/no-such-service/cards', '/api/v1/services/NOT_A_SLUG']) {
      const error = await get<{ statusCode: number; error: string; message: string }>(url, 404);
      expect(error).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('filters cards by year and lists the 47 indicators in force', async () => {
    const { cards } = await get<{ cards: { year: number | null }[] }>('/api/v1/cards?year=2021');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => c.year === 2021)).toBe(true);
    expect((await get<{ cards: unknown[] }>('/api/v1/cards')).cards).toHaveLength(4);
    const inForce = await get<{ year: number; indicators: { service: { slug: string }; indicator: { slug: string; target: { text: string } } }[] }>('/api/v1/indicators?year=2026');
    expect(inForce.year).toBe(2026);
    expect(inForce.indicators).toHaveLength(47);
    const slug = inForce.indicators[0]!.service.slug;
    const one = await get<{ indicators: { service: { slug: string } }[] }>(`/api/v1/indicators?service=${slug}`);
    expect(one.indicators.length).toBeGreaterThan(0);
    expect(one.indicators.every((i) => i.service.slug === slug)).toBe(true);
    await get('/api/v1/indicators?service=no-such-service', 404);
  });

  it('gives results per month, quarter or year, with every field of the evaluation', async () => {
    const monthly = await get<{ year: number; period: string; results: { year: Record<string, unknown>; periods: unknown[] }[] }>('/api/v1/results?year=2026');
    expect(monthly).toMatchObject({ year: 2026, period: 'month' });
    expect(monthly.results).toHaveLength(47);
    const always = ['asOf', 'budgetLeft', 'denominator', 'explanation', 'forecast', 'numerator', 'period', 'status', 'target', 'unit', 'value'];
    const sometimes = ['reason', 'measuredFrom', 'shareOfTarget', 'openItems'];
    for (const result of monthly.results) {
      const keys = Object.keys(result.year);
      expect(keys).toEqual(expect.arrayContaining(always));
      expect(keys.filter((key) => !always.includes(key)).every((key) => sometimes.includes(key))).toBe(true);
    }
    // Every measured indicator says why its status is what it is, as data.
    expect(monthly.results.filter((r) => (r.year as { reason?: unknown }).reason !== undefined)).toHaveLength(47);
    const yearly = await get<{ results: { year: unknown; periods: unknown[] }[] }>('/api/v1/results?year=2026&period=year');
    expect(yearly.results.every((r) => r.periods.length === 1 && JSON.stringify(r.periods[0]) === JSON.stringify(r.year))).toBe(true);
  });

  it.each([
    ['/api/v1/cards?year=abc', 'querystring/year must be integer'],
    ['/api/v1/cards?year=1999', 'querystring/year must be >= 2000'],
    ['/api/v1/results?period=week', 'querystring/period must be one of month, quarter, year'],
    ['/api/v1/indicators?service=Not%20a%20slug', 'querystring/service must match pattern'],
  ])('answers 400 with a clear message to %s', async (url, message) => {
    const error = await get<{ statusCode: number; message: string }>(url, 400);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(message);
  });

  it('answers JSON 404 for an unknown API route', async () => {
    expect((await get<{ message: string }>('/api/v2/services', 404)).message).toContain('no API route answers GET /api/v2/services');
  });

  it('publishes an OpenAPI 3.1 document listing every /api/v1 route with its answers', async () => {
    const response = await api.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = JSON.parse(response.body) as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual([...new Set(apiRoutes)].sort());
    expect(apiRoutes).toEqual(expect.arrayContaining(['GET /api/v1/services', 'GET /api/v1/results', 'POST /api/v1/events']));
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags, `${method} ${path}`).toHaveLength(1);
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('200');
      }
    }
    // Every reference points at a schema the document holds.
    for (const [, name] of response.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas).toHaveProperty(name!);
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
  });

  it('serves Swagger UI at /api/docs, with inline styles allowed there only', async () => {
    const page = await api.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/api/docs/static/swagger-ui-bundle.js');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect((await api.app.inject('/api/docs/static/swagger-ui-bundle.js')).statusCode).toBe(200);
    expect((await api.app.inject('/api/docs/json')).json<{ openapi: string }>().openapi).toBe('3.1.0');
    const home = await api.app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});
