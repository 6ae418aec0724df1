import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCard, newIndicator, PUBLISH_NOW } from '../../../test/factories.ts';
import { UNSTATED_DIMENSION } from '../../domain/cards/dimension.ts';
import { writeMeasuresText } from '../../formats/measures-file.ts';
import { csrfOf, get, openAdminApp, post, signIn, type CookieJar } from './admin.test-kit.ts';

/** One indicator's entry as a person writes it in a measures file: the answered share of calls. */
const answeredCalls = (service: string, indicator: string, op = '=') =>
  [
    `- service: ${service}`,
    '  edition: "2021"',
    `  indicator: ${indicator}`,
    '  measure:',
    '    kind: ratio',
    '    total:',
    '      kind: call.received',
    '    good:',
    '      - attribute: answered',
    `        op: "${op}"`,
    '        value: true',
    '',
  ].join('\r\n');

/** The fields of the editor's form as a browser without JavaScript reads and posts them (a text area's CRLF read as LF), with some replaced. */
function formOf(html: string, replaced: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  const decode = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  for (const match of html.matchAll(/<input[^>]*type="(?:hidden|text)"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name !== undefined) fields[decode(name)] = decode(value ?? '');
  }
  for (const match of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[decode(match[1] ?? '')] = decode(match[2] ?? '').replaceAll('\r\n', '\n');
  return { ...fields, ...replaced };
}

describe('the card editor of a draft: measures and notes beside the rows', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let jar: CookieJar;
  let service: string;
  const editor = () => `/admin/carte/modifica?service=${service}&edition=2021`;

  beforeEach(async () => {
    opened = await openAdminApp({}, ['quality-office', 'oiv']);
    const imported = newCard();
    service = imported.card.service.slug;
    await opened.context.actions.importCards([imported], { actor: { kind: 'cli', name: 'test' } });
    ({ jar } = await signIn(opened.app, 'quality-office@test.misura.invalid'));
  });
  afterEach(async () => {
    await opened.close();
  });

  it('shows beside an unmeasured indicator the commented skeleton `measures export` prints for it, and the card notes', async () => {
    const page = await get(opened.app, jar, editor());
    expect(page.statusCode).toBe(200);
    const fields = formOf(page.body, {});
    const printed = writeMeasuresText({ measures: [] }, 'yaml', (await opened.context.actions.exportMeasures()).unmeasured);
    expect(printed).toContain(fields['m.1']);
    expect(fields['m.1']).toMatch(/^# - service: .*\n# {3}edition: "2021"\n# {3}indicator: accessibilita-multicanale-1\n/);
    expect(fields['c0.notes']).toBe('(*) Dimensione ulteriore (delibera CIVIT 3/2012).\n\n(&) Il valore programmato non può essere peggiore del precedente.');
    expect([fields.service, fields.edition, fields.cards]).toEqual([service, '2021', undefined]);
  });

  it('saves a valid measure bound to its indicator, audited: `misura measures export` then prints it, and the editor shows it', async () => {
    const page = await get(opened.app, jar, editor());
    const saved = await post(opened.app, jar, '/admin/carte/salva', formOf(page.body, { _csrf: csrfOf(page.body), 'm.1': answeredCalls(service, 'accessibilita-multicanale-1') }));
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/admin/edizioni?fatto=saved']);

    const exported = await opened.context.actions.exportMeasures();
    expect(exported.measures).toEqual([
      { service, edition: '2021', indicator: 'accessibilita-multicanale-1', measure: { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] } },
    ]);
    expect(exported.unmeasured.map((u) => u.indicator)).toEqual(['accessibilita-multicanale-2', 'accessibilita-multicanale-3']);
    const printed = writeMeasuresText(exported, 'yaml');
    const shown = formOf((await get(opened.app, jar, editor())).body, {})['m.1'] ?? '';
    expect(printed).toContain(shown.replace(/^/gm, '  ').trimEnd());

    const [record, ...more] = await opened.context.actions.listAuditLog({ action: 'measure.apply' });
    expect(more).toEqual([]);
    expect(record).toMatchObject({ actor: 'user:quality-office@test.misura.invalid', entityType: 'indicator', entityKey: `${service}/2021/accessibilita-multicanale-1`, beforeJson: null });
    // Bound to the indicator's stable id, which outlives rewording and editions.
    const [draft] = await opened.context.actions.listCards({ statuses: ['draft'] });
    expect(JSON.parse(record?.afterJson ?? 'null')).toEqual({ uid: draft?.indicators[0]?.uid, measure: { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] } });
  });

  it('refuses an invalid measure with 422, naming the indicator, the field and its line beside it, keeps what was typed, and saves nothing', async () => {
    const page = await get(opened.app, jar, editor());
    const typed = answeredCalls(service, 'accessibilita-multicanale-2', '~');
    const refused = await post(
      opened.app,
      jar,
      '/admin/carte/salva',
      formOf(page.body, { _csrf: csrfOf(page.body), 'm.2': typed, 'c0.1.description': 'Accesso on line dal portale istituzionale', 'c0.notes': 'Una nota nuova.' }),
    );
    expect(refused.statusCode).toBe(422);
    const shown = formOf(refused.body, {});
    expect(shown['m.2']).toBe(typed.replaceAll('\r\n', '\n'));
    expect(shown['c0.1.description']).toBe('Accesso on line dal portale istituzionale');
    expect(shown['c0.notes']).toBe('Una nota nuova.');
    const beside = /<p class="measure-refused mb-0" id="m-2-refused">([\s\S]*?)<\/p>/.exec(refused.body)?.[1] ?? '';
    expect(beside).toMatch(/Misura rifiutata \(campo «measure\.good\[0\]\.op», riga 10\)/);
    expect(refused.body).toContain('aria-describedby="m-2-help m-2-refused"');
    expect(refused.body).toContain('una misura non è valida: non è stato salvato nulla');

    expect((await opened.context.actions.exportMeasures()).measures).toEqual([]);
    const editions = await opened.context.actions.listEditions();
    expect(editions).toHaveLength(1);
    const again = formOf((await get(opened.app, jar, editor())).body, {});
    expect([again['c0.1.description'], again['c0.notes']?.startsWith('(*)')]).toEqual(['Accesso on line dal portale', true]);
    expect(await opened.context.actions.listAuditLog({ action: 'measure.apply' })).toEqual([]);
  });

  it('refuses a measure typed for another indicator than the one it stands beside', async () => {
    const page = await get(opened.app, jar, editor());
    const refused = await post(opened.app, jar, '/admin/carte/salva', formOf(page.body, { _csrf: csrfOf(page.body), 'm.1': answeredCalls(service, 'accessibilita-multicanale-3') }));
    expect(refused.statusCode).toBe(422);
    expect(/id="m-1-refused">([\s\S]*?)<\/p>/.exec(refused.body)?.[1]).toMatch(/campo «indicator», riga 3.*accessibilita-multicanale-1/s);
    expect((await opened.context.actions.exportMeasures()).measures).toEqual([]);
  });

  it('saves edited notes of the card and of a row on the draft, audited as a re-import', async () => {
    const page = await get(opened.app, jar, editor());
    const notes = '(*) Dimensione ulteriore.\r\n\r\n(&) Mai peggiore\r\ndell’anno prima.';
    const saved = await post(opened.app, jar, '/admin/carte/salva', formOf(page.body, { _csrf: csrfOf(page.body), 'c0.notes': notes, 'c0.2.notes': 'Rilevato ogni trimestre.' }));
    expect(saved.statusCode).toBe(303);
    const shown = formOf((await get(opened.app, jar, editor())).body, {});
    expect(shown['c0.notes']).toBe('(*) Dimensione ulteriore.\n\n(&) Mai peggiore dell’anno prima.');
    expect(shown['c0.2.notes']).toBe('Rilevato ogni trimestre.');
    const [edition] = await opened.context.actions.listEditions();
    expect(edition?.status).toBe('draft');
    expect((await opened.context.actions.listAuditLog({ action: 'edition.reimport' })).map((r) => r.actor)).toEqual(['user:quality-office@test.misura.invalid']);
  });

  it('lets the OIV neither open the editor nor post it', async () => {
    const page = await get(opened.app, jar, editor());
    const { jar: oiv } = await signIn(opened.app, 'oiv@test.misura.invalid');
    expect((await get(opened.app, oiv, editor())).statusCode).toBe(403);
    const dashboard = await get(opened.app, oiv, '/admin');
    const posted = await post(opened.app, oiv, '/admin/carte/salva', formOf(page.body, { _csrf: csrfOf(dashboard.body), 'm.1': answeredCalls(service, 'accessibilita-multicanale-1'), 'c0.notes': 'Nota' }));
    expect(posted.statusCode).toBe(403);
    expect((await opened.context.actions.exportMeasures()).measures).toEqual([]);
    expect(formOf((await get(opened.app, jar, editor())).body, {})['c0.notes']).not.toBe('Nota');
  });
});

describe('the card editor and a published edition', () => {
  it('neither opens nor saves a published edition: its cells, notes and measures stay as they are', async () => {
    const opened = await openAdminApp({}, ['quality-office']);
    try {
      const imported = newCard();
      const service = imported.card.service.slug;
      await opened.context.actions.importCards([imported], PUBLISH_NOW);
      const { jar } = await signIn(opened.app, 'quality-office@test.misura.invalid');
      const editorPage = await get(opened.app, jar, `/admin/carte/modifica?service=${service}&edition=2021`);
      expect(editorPage.statusCode).toBe(422);
      expect(editorPage.body).toContain('only a draft can be edited');

      const before = await opened.context.actions.listCards();
      const posted = await post(opened.app, jar, '/admin/carte/salva', {
        _csrf: csrfOf(editorPage.body),
        service,
        edition: '2021',
        'c0.1.description': 'Riscritta',
        'c0.notes': 'Nota riscritta',
        'm.1': answeredCalls(service, 'accessibilita-multicanale-1'),
      });
      expect(posted.statusCode).toBe(422);
      expect(posted.body).toContain('is published: only a draft can be edited');
      expect(await opened.context.actions.listCards()).toEqual(before);
      expect((await opened.context.actions.exportMeasures()).measures).toEqual([]);
      expect((await opened.context.actions.listEditions()).map((e) => e.status)).toEqual(['published']);
    } finally {
      await opened.close();
    }
  });
});

/** A card of a table with no dimension column, as the seed format writes one: "Non indicata" is the unstated dimension. */
const WITHOUT_DIMENSIONS = [
  "STANDARD QUALITA' DEI SERVIZI EROGATI",
  'ANNO 2027',
  '',
  'Denominazione del servizio\tStatistica comunale',
  'Modalità di erogazione\tonline',
  'Tipologia di utenza del servizio\tCittadini',
  'Organo cui notificare la preventiva diffida del ricorrente\tDirettore della Statistica',
  '',
  'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato',
  'Non indicata\t\tRisposta alle richieste di dati\tTempo massimo di risposta alle richieste di dati\t10 giorni',
  'Non indicata\t\tPubblicazione dei bollettini nei tempi\tNumero bollettini pubblicati nei tempi / Numero bollettini\t95%',
  '',
].join('\n');

/** Uploads a file through the form, as a browser posts it (multipart). */
async function upload(app: Awaited<ReturnType<typeof openAdminApp>>['app'], jar: CookieJar, filename: string, text: string) {
  const form = await get(app, jar, '/admin/carte/carica');
  const boundary = '----misura-test-boundary';
  const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
  const payload =
    part('Content-Disposition: form-data; name="_csrf"', csrfOf(form.body)) +
    part(`Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain`, text) +
    `--${boundary}--\r\n`;
  const response = await app.inject({ method: 'POST', url: '/admin/carte/carica', headers: { cookie: jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  jar.store(response);
  return response;
}

/** The dimension input of a row, whole. */
const dimensionInput = (html: string, position: number) => new RegExp(`<input[^>]*id="c0-${position}-dimension"[^>]*>`).exec(html)?.[0] ?? '';

describe('choosing the dimension of rows whose document states none', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let jar: CookieJar;

  beforeEach(async () => {
    opened = await openAdminApp({}, ['quality-office']);
    ({ jar } = await signIn(opened.app, 'quality-office@test.misura.invalid'));
  });
  afterEach(async () => {
    await opened.close();
  });

  it('shows an upload\'s unstated dimension as an empty input offering the CIVIT dimensions, the finding beside it; the dimension chosen is saved', async () => {
    const review = await upload(opened.app, jar, 'statistica.txt', WITHOUT_DIMENSIONS);
    expect(review.statusCode).toBe(200);
    for (const position of [1, 2]) {
      const input = dimensionInput(review.body, position);
      expect(input).toContain('value=""');
      expect(input).toContain('list="civit-dimensions"');
      expect(input).toContain(`aria-describedby="c0-${position}-dimension-doubt"`);
      const beside = (new RegExp(`id="c0-${position}-dimension-doubt"[^>]*>([^<]*)<`).exec(review.body)?.[1] ?? '').replaceAll('&#39;', "'").replaceAll('&#34;', '"');
      // The reader's doubt, then the linter's error, both beside the input they concern.
      expect(beside).toMatch(/^Da verificare: the document states no dimension for this row/);
      expect(beside).toMatch(new RegExp(`Indicator ${position} \\("[^"]+"\\) has no dimension: the document states none; choose one \\(Accessibilità, Tempestività, Trasparenza, Efficacia, or a dimension of the card's own\\)`));
    }
    expect(review.body).toContain('dimensione non indicata dalla carta');
    const options = /<datalist id="civit-dimensions">([\s\S]*?)<\/datalist>/.exec(review.body)?.[1] ?? '';
    expect([...options.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual(['Accessibilità', 'Tempestività', 'Trasparenza', 'Efficacia', 'Continuità', 'Elasticità', 'Flessibilità', 'Equità', 'Efficienza', 'Empatia']);

    // The cards travel whole in a hidden field; formOf's pattern stops at a ">" inside it (a ">=" comparator).
    const cards = (/name="cards" value="([^"]*)"/.exec(review.body)?.[1] ?? '').replaceAll('&#34;', '"').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    const saved = await post(opened.app, jar, '/admin/carte/salva', formOf(review.body, { _csrf: csrfOf(review.body), cards, 'c0.1.dimension': 'Tempestività', 'c0.2.dimension': 'Pubblicazione (*)' }));
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/admin/edizioni?fatto=saved']);
    const [draft] = await opened.context.actions.listCards({ statuses: ['draft'] });
    expect(draft?.indicators.map((i) => [i.dimension, i.dimensionKey, i.additional])).toEqual([
      ['Tempestività', 'tempestivita', false],
      ['Pubblicazione', 'pubblicazione', true],
    ]);
  });

  it('in the editor of a draft, saves the dimension chosen and shows it; the edition is approved only once no row lacks one', async () => {
    const imported = newCard({
      indicators: [1, 2, 3].map((position) => newIndicator({ position, dimension: UNSTATED_DIMENSION.label, dimensionKey: UNSTATED_DIMENSION.key, additional: false })),
    });
    const service = imported.card.service.slug;
    await opened.context.actions.importCards([imported], { actor: { kind: 'cli', name: 'test' } });
    const editor = `/admin/carte/modifica?service=${service}&edition=2021`;

    const editions = await get(opened.app, jar, '/admin/edizioni');
    const refused = await post(opened.app, jar, '/admin/edizioni/approva', { _csrf: csrfOf(editions.body), service, edition: '2021', act: 'Decreto n. 1' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('indicators 1, 2, 3: the card states no dimension; choose one in the draft editor before approving');

    const page = await get(opened.app, jar, editor);
    expect(dimensionInput(page.body, 1)).toContain('value=""');
    expect(page.body).toContain('id="c0-1-dimension-doubt"');
    const saved = await post(opened.app, jar, '/admin/carte/salva', formOf(page.body, { _csrf: csrfOf(page.body), 'c0.1.dimension': 'Accessibilità', 'c0.2.dimension': 'Efficacia', 'c0.3.dimension': 'Empatia' }));
    expect(saved.statusCode).toBe(303);
    const again = await get(opened.app, jar, editor);
    expect([1, 2, 3].map((position) => formOf(again.body, {})[`c0.${position}.dimension`])).toEqual(['Accessibilità', 'Efficacia', 'Empatia']);
    expect(again.body).not.toContain('has no dimension');
    const [draft] = await opened.context.actions.listCards({ statuses: ['draft'] });
    expect(draft?.indicators.map((i) => [i.dimensionKey, i.additional])).toEqual([['accessibilita', false], ['efficacia', false], ['empatia', true]]);

    const approved = await post(opened.app, jar, '/admin/edizioni/approva', { _csrf: csrfOf(editions.body), service, edition: '2021', act: 'Decreto n. 1' });
    expect(approved.statusCode).toBe(303);
    expect((await opened.context.actions.listEditions()).map((e) => e.status)).toEqual(['approved']);
  });
});
