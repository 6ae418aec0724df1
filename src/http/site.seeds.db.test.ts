import { PUBLISH_NOW } from '../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { checkDatabase } from '../actions/check-database.action.ts';
import { getReport } from '../actions/get-report.action.ts';
import { importCards } from '../actions/import-cards.action.ts';
import { listCards } from '../actions/list-cards.action.ts';
import { listOrganisations } from '../actions/list-organisations.action.ts';
import { listServices } from '../actions/list-services.action.ts';
import { SEED_DIR } from '../cli/demo.command.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import { buildApp } from './app.ts';
import type { SiteActions } from './site-actions.ts';

/** The real seed cards through the real actions: every service and indicator page must render. */
describe('the public site over the four seed cards', () => {
  const ctx = createDialectContext('sqlite');
  let app: FastifyInstance;
  let serviceSlugs: string[] = [];

  beforeAll(async () => {
    const database = await ctx.openFresh();
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
    await importCards({ database }, files.map((file) => readCardText(readFileSync(join(SEED_DIR, file), 'utf8'), { file })), PUBLISH_NOW);
    const deps = { database, now: () => new Date('2026-04-10T10:00:00Z') };
    const actions: SiteActions = {
      listOrganisations: () => listOrganisations(deps),
      listServices: () => listServices(deps),
      listCards: (filter) => listCards(deps, filter),
      getReport: (query) => getReport(deps, query),
      checkDatabase: () => checkDatabase(deps),
    };
    serviceSlugs = (await actions.listServices()).map((s) => s.service.slug);
    app = buildApp(actions, { logger: false, now: deps.now, rateLimitPerMinute: false });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    await ctx.dispose();
  });

  it('lists the four services on the home page and reports ready', async () => {
    expect(serviceSlugs).toHaveLength(4);
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    for (const slug of serviceSlugs) expect(home.body).toContain(`href="/servizi/${slug}"`);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('renders every service page and every indicator page it links to, in both languages', async () => {
    let indicatorPages = 0;
    for (const slug of serviceSlugs) {
      for (const prefix of ['', '/en']) {
        const service = await app.inject(`${prefix}/servizi/${slug}`);
        expect(service.statusCode, slug).toBe(200);
        const links = [...new Set([...service.body.matchAll(/href="([^"]+\/indicatori\/[^"]+)"/g)].map((m) => m[1]!))];
        expect(links.length, slug).toBeGreaterThan(0);
        for (const link of links) {
          const page = await app.inject(link);
          expect(page.statusCode, link).toBe(200);
          expect(page.body, link).not.toMatch(/<script|\sstyle="/);
          if (prefix === '') indicatorPages += 1;
        }
      }
    }
    expect(indicatorPages).toBe(47);
  });

  it('lists every edition on the Carta dei servizi page', async () => {
    const page = await app.inject('/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/— \d+ indicatori/g)).toHaveLength(4);
  });
});
