import { PUBLISH_NOW } from '../../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { checkDatabase } from '../../actions/check-database.action.ts';
import { exportCardDocument } from '../../actions/export-card-document.action.ts';
import { exportReportDocument } from '../../actions/export-report-document.action.ts';
import { getReport } from '../../actions/get-report.action.ts';
import { importCards } from '../../actions/import-cards.action.ts';
import { listCards } from '../../actions/list-cards.action.ts';
import { listOrganisations } from '../../actions/list-organisations.action.ts';
import { listServices } from '../../actions/list-services.action.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import { readCardFile } from '../../formats/card-file.importer.ts';
import { readCardText } from '../../formats/card-text.importer.ts';
import { buildApp } from '../app.ts';
import type { SiteActions } from '../site-actions.ts';

const MEDIA: Record<string, { type: string; magic: string }> = {
  pdf: { type: 'application/pdf', magic: '%PDF-' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'PK\u0003\u0004' },
  odt: { type: 'application/vnd.oasis.opendocument.text', magic: 'PK\u0003\u0004' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'PK\u0003\u0004' },
};

/** The download of official documents from the public site, over the seed cards and the real actions. */
describe('official documents on the public site', () => {
  const ctx = createDialectContext('sqlite');
  let app: FastifyInstance;
  let cards: { slug: string; edition: string; indicators: number }[] = [];

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
      exportCardDocument: (input) => exportCardDocument(deps, input),
      exportReportDocument: (input) => exportReportDocument({ getReport: (query) => getReport(deps, query), listDiffideOfYear: () => Promise.resolve([]), now: deps.now }, input),
    };
    cards = (await actions.listCards()).map((c) => ({ slug: c.serviceSlug, edition: c.edition, indicators: c.indicators.length }));
    app = buildApp(actions, { logger: false, now: deps.now, rateLimitPerMinute: false });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    await ctx.dispose();
  });

  it('links each edition page, and the service page of its card in force, to the card in the four formats', async () => {
    expect(cards).toHaveLength(4);
    for (const { slug, edition } of cards) {
      for (const path of [`/servizi/${slug}/${edition}`, `/servizi/${slug}`, `/en/servizi/${slug}`]) {
        const page = await app.inject(path);
        expect(page.statusCode).toBe(200);
        for (const format of ['pdf', 'docx', 'odt', 'xlsx']) expect(page.body, path).toContain(`href="/servizi/${slug}/${edition}/carta/${format}"`);
      }
    }
  });

  it('serves each card in each format as a download of its media type, and the DOCX, ODT and XLSX import back', async () => {
    for (const { slug, edition, indicators } of cards) {
      for (const [format, { type, magic }] of Object.entries(MEDIA)) {
        const response = await app.inject(`/servizi/${slug}/${edition}/carta/${format}`);
        expect(response.statusCode, `${slug} ${format}`).toBe(200);
        expect(response.headers['content-type']).toBe(type);
        expect(response.headers['content-disposition']).toBe(`attachment; filename="carta-${slug}-${edition}.${format}"`);
        const bytes = response.rawPayload;
        expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
        if (format !== 'pdf') {
          const { cards: back } = await readCardFile(new Uint8Array(bytes), { file: `download.${format}` });
          expect(back.map((c) => c.card.indicators.length)).toEqual([indicators]);
        }
      }
    }
  });

  it('serves the year report from a link on the transparency page', async () => {
    const page = await app.inject('/amministrazione-trasparente/servizi-erogati');
    expect(page.statusCode).toBe(200);
    for (const format of ['pdf', 'docx', 'xlsx']) {
      expect(page.body).toContain(`href="/risultati/2026/rapporto/${format}"`);
      const response = await app.inject(`/risultati/2026/rapporto/${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(MEDIA[format]!.type);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="risultati-2026.${format}"`);
      expect(response.rawPayload.subarray(0, MEDIA[format]!.magic.length).toString('latin1')).toBe(MEDIA[format]!.magic);
    }
  });

  it('answers 404 for an unknown service, edition or format (the site answers a malformed address as not found)', async () => {
    const { slug } = cards[0]!;
    expect((await app.inject('/servizi/nessuno/2026/carta/pdf')).statusCode).toBe(404);
    expect((await app.inject(`/servizi/${slug}/1999/carta/pdf`)).statusCode).toBe(404);
    expect((await app.inject(`/servizi/${slug}/2026/carta/rtf`)).statusCode).toBe(404);
    expect((await app.inject('/risultati/2026/rapporto/odt')).statusCode).toBe(404);
  });
});
