import { expect, it } from 'vitest';
import { describeEachDialect, type DialectContext } from '../../../test/dialects.ts';
import { newCard, newIndicator, newService, newTarget } from '../../../test/factories.ts';
import { approveEdition } from '../../actions/approve-edition.action.ts';
import { checkDatabase } from '../../actions/check-database.action.ts';
import { exportCardDocument } from '../../actions/export-card-document.action.ts';
import { getReport } from '../../actions/get-report.action.ts';
import { importCards } from '../../actions/import-cards.action.ts';
import { listCards } from '../../actions/list-cards.action.ts';
import { listOrganisations } from '../../actions/list-organisations.action.ts';
import { listServices } from '../../actions/list-services.action.ts';
import { publishEdition } from '../../actions/publish-edition.action.ts';
import type { Actor } from '../../domain/accounts/actor.ts';
import type { StandardCard } from '../../domain/cards/card.ts';
import { buildApp } from '../app.ts';
import type { SiteActions } from '../site-actions.ts';

type Database = Awaited<ReturnType<DialectContext['openFresh']>>;

const office: Actor = { kind: 'cli', name: 'qualita' };
const service = newService({ name: 'Sportello unico', slug: 'sportello-unico' });

function card(year: number, first: { slug: string; subdimension: string; target: string; value: number }): StandardCard {
  return newCard({
    service,
    year,
    indicators: [
      newIndicator({ position: 1, slug: first.slug, subdimension: first.subdimension, description: 'Accesso on line dal portale', target: newTarget({ text: first.target, value: first.value }) }),
      newIndicator({ position: 2, slug: 'risposte-email', subdimension: 'Email', description: 'Risposte alle e-mail entro due giorni', formula: 'Risposte entro due giorni / e-mail', target: newTarget({ text: '90%', value: 90 }) }),
    ],
  }).card;
}

async function publish(database: Database, year: number, imported: StandardCard, justifications: Record<string, string> = {}, now = new Date('2025-12-10T09:00:00Z')) {
  await importCards({ database, now: () => now }, [{ organisation: null, card: imported, doubts: [] }], { actor: office, publish: { act: `Decreto n. ${year} del 01/12/${year - 1}`, justifications } });
}

function appOn(database: Database, today: string) {
  const deps = { database, now: () => new Date(`${today}T10:00:00Z`) };
  const actions: SiteActions = {
    listOrganisations: () => listOrganisations(deps),
    listServices: () => listServices(deps),
    listCards: (filter) => listCards(deps, filter),
    getReport: (query) => getReport(deps, query),
    checkDatabase: () => checkDatabase(deps),
    exportCardDocument: (input) => exportCardDocument(deps, input),
  };
  return buildApp(actions, { logger: false, now: deps.now, rateLimitPerMinute: false });
}

describeEachDialect('editions on the public site', (ctx) => {
  it('shows the card in force with its act and date, the editions with their state, the diff with the justification, and no draft', async () => {
    const database = await ctx.openFresh();
    await publish(database, 2026, card(2026, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '95%', value: 95 }));
    await publish(database, 2027, card(2027, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '90%', value: 90 }), { 'accesso-portale': 'Migrazione alla nuova piattaforma' }, new Date('2026-12-01T09:00:00Z'));
    // A draft for 2028 nobody approved yet.
    await importCards({ database }, [{ organisation: null, card: card(2028, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '99%', value: 99 }), doubts: [] }], { actor: office });
    const app = appOn(database, '2027-03-01');
    try {
      const page = await app.inject('/servizi/sportello-unico');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Decreto n. 2027 del 01/12/2026');
      expect(page.body).toMatch(/In vigore dal<\/dt><dd>1 gennaio 2027/);
      expect(page.body).toContain('Migrazione alla nuova piattaforma');
      // Another year: the 2026 edition stays published (in force for 2026), not superseded.
      expect(page.body).toMatch(/Edizione 2026<\/a> \(pubblicata, in vigore dal 1 gennaio 2026/);
      expect(page.body).not.toContain('2028');
      expect(page.body).not.toContain('Carta non aggiornata');
      // The card's own footnotes, word for word, on the service page and on each edition's.
      expect(page.body).toContain('(&amp;) Il valore programmato non può essere peggiore del precedente.');
      const edition = await app.inject('/servizi/sportello-unico/2026');
      expect(edition.body).toContain('(*) Dimensione ulteriore (delibera CIVIT 3/2012).');
      expect(edition.body).toContain('Decreto n. 2026 del 01/12/2025');
      expect(page.body).toContain('href="/servizi/sportello-unico/2027/confronto"');

      expect((await app.inject('/servizi/sportello-unico/2028')).statusCode).toBe(404);
      expect((await app.inject('/servizi/sportello-unico/2028/carta/pdf')).statusCode).toBe(404);

      const diff = await app.inject('/servizi/sportello-unico/2027/confronto');
      expect(diff.statusCode).toBe(200);
      expect(diff.body).toContain('standard peggiorato');
      expect(diff.body).toContain('Migrazione alla nuova piattaforma');
      expect(diff.body).toMatch(/Prima: <span>≥ 95%<\/span>|Prima: ≥ 95%/);
      expect((await app.inject('/en/servizi/sportello-unico/2027/confronto')).body).toContain('standard made worse');
      expect((await app.inject('/servizi/sportello-unico/2026/confronto')).statusCode).toBe(404);

      // The transparency section says when the cards were last published, how often and for how long.
      const charter = await app.inject('/amministrazione-trasparente/servizi-erogati/carta-dei-servizi-e-standard-di-qualita');
      expect(charter.body).toMatch(/Ultimo aggiornamento<\/dt><dd>1 dicembre 2026/);
      expect(charter.body).toContain('art. 8 c.3 d.lgs. 33/2013');
      expect(charter.body).toContain('<a href="/amministrazione-trasparente">Amministrazione trasparente</a>');
      const section = await app.inject('/amministrazione-trasparente');
      expect(section.statusCode).toBe(200);
      expect(section.body).toContain('href="/amministrazione-trasparente/servizi-erogati"');
    } finally {
      await app.close();
    }
  });

  it('warns that the card is not up to date when the one in force is more than a year old', async () => {
    const database = await ctx.openFresh();
    await publish(database, 2026, card(2026, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '95%', value: 95 }));
    const app = appOn(database, '2027-06-01');
    try {
      expect((await app.inject('/servizi/sportello-unico')).body).toContain('Carta non aggiornata: la carta in vigore è l’edizione 2026');
      expect((await app.inject('/en/servizi/sportello-unico')).body).toContain('Charter not up to date');
    } finally {
      await app.close();
    }
  });

  it('redirects (301) the old address of an indicator whose slug changed with a rewording, keeping the rest of the path', async () => {
    const database = await ctx.openFresh();
    await publish(database, 2026, card(2026, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '95%', value: 95 }));
    await publish(database, 2026, card(2026, { slug: 'accesso-portale-multi-canale', subdimension: 'Multi-canale', target: '95%', value: 95 }));
    const app = appOn(database, '2026-06-01');
    try {
      const moved = await app.inject('/servizi/sportello-unico/indicatori/accesso-portale?anno=2026');
      expect([moved.statusCode, moved.headers.location]).toEqual([301, '/servizi/sportello-unico/indicatori/accesso-portale-multi-canale?anno=2026']);
      const csv = await app.inject('/en/servizi/sportello-unico/indicatori/accesso-portale/dati.csv');
      expect([csv.statusCode, csv.headers.location]).toEqual([301, '/en/servizi/sportello-unico/indicatori/accesso-portale-multi-canale/dati.csv']);
      expect((await app.inject('/servizi/sportello-unico/indicatori/accesso-portale-multi-canale')).statusCode).toBe(200);
      expect((await app.inject('/servizi/sportello-unico/indicatori/mai-esistito')).statusCode).toBe(404);
      const editions = await app.inject('/servizi/sportello-unico');
      expect(editions.body).toMatch(/Edizione 2026-r2/);
      expect(editions.body).toMatch(/Edizione 2026<\/a> \(sostituita/);
    } finally {
      await app.close();
    }
  });

  it('approves through the action with the act the public then reads', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [{ organisation: null, card: card(2026, { slug: 'accesso-portale', subdimension: 'Multicanale', target: '95%', value: 95 }), doubts: [] }], { actor: office });
    const app = appOn(database, '2026-06-01');
    try {
      expect((await app.inject('/servizi/sportello-unico')).body).toContain('Per quest’anno non è in vigore nessuna carta');
      await approveEdition({ database }, office, { service: 'sportello-unico', edition: '2026', act: 'Delibera di Giunta n. 7 del 02/02/2026', inForceFrom: '2026-02-03' });
      await publishEdition({ database }, office, { service: 'sportello-unico', edition: '2026' });
      const page = await app.inject('/servizi/sportello-unico');
      expect(page.body).toContain('Delibera di Giunta n. 7 del 02/02/2026');
      expect(page.body).toMatch(/In vigore dal<\/dt><dd>3 febbraio 2026/);
    } finally {
      await app.close();
    }
  });
});
