import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../domain/cards/card.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { joinPipeCellLines, readCardText, readTextDocument } from './card-text.importer.ts';
import { toInlineText } from './html-text.ts';

// The seed cards shipped in seeds/ are byte-for-byte copies of the real ones.
const SEEDS = new URL('../../seeds/', import.meta.url);
const FIXTURES = new URL('../../test/fixtures/cards/', import.meta.url);

const readSeed = (name: string): string => readFileSync(new URL(name, SEEDS), 'utf8');
const readFixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const importSeed = (name: string, year?: number): ImportedCard => readCardText(readSeed(name), year === undefined ? { file: name } : { file: name, year });
const importFixture = (name: string, year?: number): ImportedCard => readCardText(readFixture(name), year === undefined ? { file: name } : { file: name, year });

const S0 = '000_c79bcda3436e61a9.txt';
const S1 = '001_26d6f6251607aad7.txt';
const S2 = '002_36860386eee61ce2.txt';
const S3 = '003_c6188123ed35ccee.txt';

/** The fields of an indicator a reader can check against the file. */
function cells(indicator: Indicator | undefined) {
  if (!indicator) throw new Error('no such indicator');
  const { dimension, subdimension, description, formula, additional, source } = indicator;
  return { dimension, subdimension, description, formula, target: indicator.target.text, additional, line: source.line };
}

const RULE_TEXT =
  'Per la definizione del valore programmato, verificare preliminarmente: Previsioni di termini fissati da leggi o regolamenti; Standard di qualità già determinati in precedenti ricognizioni o in altri provvedimenti: il valore programmato non può essere peggiorativo';
const STAR_NOTE = '(*) Dimensioni aggiuntive: per questi indicatori potrà essere individuata una formula di calcolo diversa da quella suggerita.';

describe('readCardText on the seed cards', () => {
  it('reads the four seeds as four services, with 47 indicators (8, 17, 13, 9) and their years', () => {
    const cards = [S0, S1, S2, S3].map((name) => importSeed(name));
    expect(cards.map((c) => c.card.indicators.length)).toEqual([8, 17, 13, 9]);
    expect(cards.reduce((n, c) => n + c.card.indicators.length, 0)).toBe(47);
    expect(cards.map((c) => c.card.year)).toEqual([2021, 2018, 2016, null]);
    expect(new Set(cards.map((c) => c.card.service.slug)).size).toBe(4);
  });

  it.each([S0, S1, S2, S3])('numbers the indicators of %s 1..n with unique slugs and lines that hold their cells', (name) => {
    const { card } = importSeed(name);
    const lines = readSeed(name).split('\n');
    expect(card.indicators.map((i) => i.position)).toEqual(card.indicators.map((_, n) => n + 1));
    expect(new Set(card.indicators.map((i) => i.slug)).size).toBe(card.indicators.length);
    for (const indicator of card.indicators) {
      const rowCells = (lines[indicator.source.line - 1] ?? '').split('\t').map(toInlineText);
      expect(indicator.source.file).toBe(name);
      expect(rowCells).toContain(indicator.formula);
      expect(rowCells).toContain(indicator.target.text);
    }
  });

  it('reads card 000 (plain text, 2021)', () => {
    const { organisation, card, doubts } = importSeed(S0);
    expect(organisation).toEqual({ slug: 'ministero-del-lavoro-e-delle-politiche-sociali', name: 'MINISTERO DEL LAVORO E DELLE POLITICHE SOCIALI' });
    expect(card.year).toBe(2021);
    expect(card.source).toEqual({ file: S0 });
    const { service } = card;
    expect(service.name).toBe("Servizi Lavoro portale per l'accesso unico ai servizi digitali del Ministero del Lavoro e delle Politiche Sociali");
    expect(service.slug).toMatch(/^servizi-lavoro-portale-per-l-accesso-unico/);
    expect(service.office).toBe("DIREZIONE GENERALE dei sistemi informativi, dell'innovazione tecnologica del monitoraggio dati e della comunicazione");
    expect(service.characteristics.text).toMatch(/^Rappresenta lo strumento per accedere ai servizi ed adempimenti telematici/);
    expect(service.characteristics.text).toContain('rapporto periodico sulla condizione di parità uomo-donna');
    expect(service.deliveryMode).toEqual({ text: 'online', links: [] });
    expect(service.userTypes.text).toMatch(/^Cittadini italiani e stranieri, aziende italiane e straniere/);
    expect(service.diffidaBody).toEqual({ text: "Direttore Generale dei sistemi informativi, dell'innovazione tecnologica, del monitoraggio dati e della comunicazione", links: [] });
    expect(service.webAddress).toEqual({ text: 'servizi.lavoro.gov.it', href: 'http://servizi.lavoro.gov.it' });
    expect(service.channels).toEqual([
      { key: 'web', kind: 'web', label: 'Sito web', address: 'http://servizi.lavoro.gov.it', hours: null },
      { key: 'app', kind: 'app', label: 'Applicazione mobile', address: null, hours: null },
    ]);
    expect(service.staff).toBeNull();

    expect(cells(card.indicators[0])).toEqual({
      dimension: 'Accessibilità', subdimension: 'Multicanale', description: 'Accesso on line dal portale servizi lavoro del Ministero del lavoro e delle politiche sociali',
      formula: 'Numero giornate di accessibilità al web /Numero giorni anno solare', target: '95%', additional: false, line: 18,
    });
    // "\t\tAccesso tramite…" continues both the dimension and the sub-dimension.
    expect(cells(card.indicators[1])).toMatchObject({ dimension: 'Accessibilità', subdimension: 'Multicanale', description: 'Accesso tramite applicazione mobile limitatamente alla procedura dimissioni telematiche', line: 19 });
    // An additional dimension keeps its definition in the sub-dimension column and no description.
    expect(cells(card.indicators[2])).toEqual({
      dimension: 'Continuità',
      subdimension: "Erogazione del servizio in modo continuo, regolare e senza interruzioni, con l'approntamento di misure volte a limitare al massimo il disagio dell'utenza derivante dai casi di interruzione del servizio.",
      description: null,
      formula: "Numero massimo di giorni dell'anno di disagio dell'utenza esterna nei casi di interruzione del servizio",
      target: '7 giorni lavorativi', additional: true, line: 20,
    });
    expect(cells(card.indicators[7])).toMatchObject({ dimension: 'Empatia', description: null, target: '95%', additional: true, line: 25 });
    expect(card.indicators.map((i) => i.slug)).toEqual(['multicanale', 'multicanale-2', 'continuita', 'elasticita', 'flessibilita', 'equita', 'efficienza', 'empatia']);
    expect(card.indicators.every((i) => i.notes === null)).toBe(true);

    expect(card.notes).toEqual([STAR_NOTE, `(&) ${RULE_TEXT}`]);
    expect(card.ruleText).toBe(RULE_TEXT);
    expect(doubts).toEqual([]);
  });

  it('reads card 001 (HTML and markdown, 2018)', () => {
    const { organisation, card, doubts } = importSeed(S1);
    expect(organisation?.name).toBe('MINISTERO DEL LAVORO E DELLE POLITICHE SOCIALI');
    expect(card.year).toBe(2018);
    const { service } = card;
    expect(service.name).toBe('CLICLAVORO - Portale unico della Rete Nazionale dei servizi per le politiche del lavoro');
    expect(service.office).toBe("DIREZIONE GENERALE DEI SISTEMI INFORMATIVI, DELL'INNOVAZIONE TECNOLOGICA, DEL MONITORAGGIO DATI E DELLA COMUNICAZIONE");
    expect(service.characteristics.text).toMatch(/^Il servizio è dedicato alla promozione e divulgazione/);
    expect(service.characteristics.text).toContain('bandi&concorsi, incentivi&finanziamenti');
    // Paragraphs and list items each on a line, bullets gone.
    expect(service.characteristics.text).toContain('di seguito riportati:\nDeposito telematico contratti di secondo livello: detassazione e decontribuzione;\nAutocertificazione - Esonero 60x1000;');
    expect(service.characteristics.text).not.toMatch(/[<>•]/);
    const page = 'http://www.lavoro.gov.it/ministro-e-ministero/Il-ministero/Organizzazione/Pagine/DG-Sistemi-informativi-innovazione-tecnologica-monitoraggio-dati-e-comunicazione.aspx';
    expect(service.diffidaBody).toEqual({
      text: `Direttore della Direzione Generale dei sistemi informativi, dell'innovazione tecnologica, del monitoraggio dati e della comunicazione ${page}`,
      links: [{ text: page, href: page }],
    });
    expect(service.webAddress).toEqual({ text: 'http://www.cliclavoro.gov.it', href: 'http://www.cliclavoro.gov.it' });
    expect(service.channels.map((c) => c.key)).toEqual(['web', 'app', 'social']);
    expect(service.channels.find((c) => c.kind === 'social')?.label).toBe('Social network (Facebook, Twitter, LinkedIn, Instagram)');

    expect(cells(card.indicators[0])).toMatchObject({ dimension: 'Accessibilità', subdimension: 'Multicanale', target: '95%', line: 17 });
    expect(cells(card.indicators[2])).toMatchObject({
      dimension: 'Accessibilità', subdimension: 'Multicanale',
      description: 'Pagine di riferimento su vari social network (facebook, LinkedIn, Twitter, Instagram) e un blog dedicato al portale (BlogCliclavoro)',
      formula: 'Pagine aggiornate/Pagine di riferimento pubblicate', target: '100%', line: 19,
    });
    expect(cells(card.indicators[5])).toMatchObject({ dimension: 'Tempestività', subdimension: 'Tempestività di acquisizione della comunicazione inerente i servizi sopra elencati', description: 'Ricezione della comunicazione', target: 'tempo reale', line: 22 });
    expect(cells(card.indicators[8])).toMatchObject({ dimension: 'Trasparenza', subdimension: 'Tempistiche di risposta', target: '3 giorni', line: 25 });
    expect(cells(card.indicators[11])).toEqual({
      dimension: 'Continuità',
      subdimension: "Erogazione del servizio in modo continuo, regolare e senza interruzioni, con l'approntamento di misure volte a limitare al massimo il disagio dell'utenza derivante dai casi di interruzione del servizio.",
      description: null,
      formula: "Numero minimo di giorni dell'anno di disagio dell'utenza esterna nei casi di interruzione del servizio",
      target: '7 giorni', additional: true, line: 28,
    });
    // The Note column is there but empty.
    expect(card.indicators.every((i) => i.notes === null)).toBe(true);
    // Markdown bullets and a blank line inside the (&) footnote read the same as card 000's "☐" bullets.
    expect(card.notes).toEqual([STAR_NOTE, `(&) ${RULE_TEXT}`]);
    expect(card.ruleText).toBe(RULE_TEXT);
    expect(doubts).toEqual([]);
  });

  it('reads card 002 (office on its own line, "Denominazione del servizio:", bare URL, 2016)', () => {
    const { organisation, card, doubts } = importSeed(S2);
    expect(organisation?.slug).toBe('ministero-del-lavoro-e-delle-politiche-sociali');
    expect(card.year).toBe(2016);
    const { service } = card;
    expect(service.name).toBe('Reti sociali virtuali e Blog di Cliclavoro');
    expect(service.slug).toBe('reti-sociali-virtuali-e-blog-di-cliclavoro');
    expect(service.office).toBe("DIREZIONE GENERALE DEI SISTEMI INFORMATIVI, DELL'INNOVAZIONE TECNOLOGICA E DELLA COMUNICAZIONE");
    expect(service.characteristics.text).toMatch(/^Tramite i canali social network \(Facebook, Twitter, LinkedIn, YouTube/);
    expect(service.diffidaBody).toEqual({ text: "Direttore della Direzione Generale dei sistemi informativi, dell'innovazione tecnologica e della comunicazione.", links: [] });
    expect(service.webAddress).toEqual({ text: 'http://www.cliclavoro.gov.it', href: 'http://www.cliclavoro.gov.it' });
    expect(service.channels).toEqual([
      { key: 'web', kind: 'web', label: 'Sito web', address: 'http://www.cliclavoro.gov.it', hours: null },
      { key: 'social', kind: 'social', label: 'Social network (Facebook, Twitter, LinkedIn, YouTube)', address: null, hours: null },
    ]);

    expect(cells(card.indicators[1])).toEqual({
      dimension: 'Tempestività', subdimension: 'Tempestività di risposta',
      description: 'Rapporto tra richieste soddisfatte e il totale delle richieste per tipologia in un certo intervallo di tempo',
      formula: 'Numero di informazioni fornite entro il tempo previsto/Numero delle richieste effettuate', target: '95%', additional: false, line: 19,
    });
    expect(cells(card.indicators[6])).toMatchObject({ dimension: 'Efficacia', subdimension: 'Compiutezza', description: 'Esautività della prestazione erogata', target: '1%', line: 24 });
    // Not marked "(*)" here: the cells stay where they are all the same.
    expect(cells(card.indicators[7])).toMatchObject({ dimension: 'Continuità', description: null, target: '15 giorni', line: 25 });
    expect(card.indicators[7]?.subdimension).toMatch(/^Erogazione del servizio in modo continuo/);
    expect(card.notes).toEqual([]);
    expect(card.ruleText).toBeNull();
    expect(doubts).toEqual([]);
  });

  it('reads card 003 (headings on their own lines, no year)', () => {
    const { organisation, card, doubts } = importSeed(S3);
    expect(organisation).toBeNull();
    expect(card.year).toBeNull();
    expect(doubts).toEqual([{ code: 'unknown-year', severity: 'warning', file: S3, line: null, field: 'year', message: expect.stringMatching(/no year/) }]);
    const { service } = card;
    expect(service.name).toBe('CENTRO DI CONTATTO');
    expect(service.slug).toBe('centro-di-contatto');
    expect(service.office).toBeNull();
    expect(service.characteristics.text).toBe("Il Centro di Contatto è un servizio all'utenza che ha il compito di fornire risposte su aree tematiche inerenti le politiche del lavoro e sociali.");
    expect(service.deliveryMode.text).toMatch(/^Il servizio viene erogato da 16 operatori impiegati in servizio di front-office e back-office\. Si accede chiamando il numero gratuito 800 196 196/);
    expect(service.userTypes.text).toBe('Tutti i cittadini, imprese, associazioni, altre pubbliche amministrazioni, professionisti etc.');
    expect(service.diffidaBody).toEqual({ text: "Direttore della Direzione Generale per la comunicazione e l'informazione in materia di lavoro e politiche sociali", links: [] });
    expect(service.webAddress).toBeNull();
    expect(service.staff).toBe(16);
    expect(service.channels).toEqual([
      { key: 'phone', kind: 'phone', label: 'Telefono', address: '800 196 196', hours: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '20:00' } },
      { key: 'email', kind: 'email', label: 'E-mail', address: 'centrodicontatto@lavoro.gov.it', hours: null },
    ]);

    expect(cells(card.indicators[0])).toEqual({
      dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Informazioni Web sul servizio offerto',
      formula: 'Numero spazi web dedicati al servizio/ N. spazi dell\'area comunicazione sulla home page.', target: '25%', additional: false, line: 20,
    });
    expect(cells(card.indicators[2])).toMatchObject({ dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Erogazione del servizio tramite e-mail.', target: '99%', line: 22 });
    expect(cells(card.indicators[7])).toMatchObject({ dimension: 'Efficacia', subdimension: 'Conformità /Affidabilità', target: '100%', line: 27 });
    expect(card.indicators.map((i) => i.slug).slice(0, 3)).toEqual(['accessibilita-multicanale', 'accessibilita-multicanale-2', 'accessibilita-multicanale-3']);
    expect(card.notes).toEqual([]);
    expect(card.ruleText).toBeNull();
  });

  it('dates an undated card with the year given, without a doubt', () => {
    const { card, doubts } = importSeed(S3, 2020);
    expect(card.year).toBe(2020);
    expect(doubts).toEqual([]);
  });

  it("keeps the card's own year over a different one given, and says so", () => {
    const { card, doubts } = importSeed(S0, 2019);
    expect(card.year).toBe(2021);
    expect(doubts).toEqual([expect.objectContaining({ code: 'doubtful-year', field: 'year', line: 7 })]);
  });

  it('reads a seed the same with CRLF line ends, a BOM and trailing spaces', () => {
    const lf = importSeed(S1);
    const crlf = readCardText(`\uFEFF${readSeed(S1).split('\n').map((line) => `${line}  `).join('\r\n')}`, { file: S1 });
    expect(crlf).toEqual(lf);
  });
});

describe('readCardText on variant cards', () => {
  const expectedIndicators = {
    'accessibilita-fisica': { dimension: 'Accessibilità', subdimension: 'Accessibilità fisica', description: 'Apertura dello sportello al pubblico', formula: 'Ore di apertura settimanali', target: '20 ore', additional: false },
    'accessibilita-multicanale': { dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Prenotazione telefonica', formula: 'Giorni di servizio telefonico/giorni lavorativi', target: '95%', additional: false },
    'accessibilita-multicanale-2': { dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Prenotazione on line', formula: 'Giorni di accessibilità del sito/giorni anno solare', target: '98%', additional: false },
    tempestivita: { dimension: 'Tempestività', subdimension: 'Tempestività', description: 'Tempo di rilascio della carta', formula: 'Giorni tra richiesta e consegna', target: '6 giorni lavorativi', additional: false },
    responsabili: { dimension: 'Trasparenza', subdimension: 'Responsabili', description: 'Pubblicazione del responsabile', formula: 'Giorni per aggiornare il sito', target: '5 giorni', additional: false },
    conformita: { dimension: 'Efficacia', subdimension: 'Conformità', description: 'Carte emesse senza errori', formula: 'Carte senza errori/carte emesse', target: '99%', additional: false },
    continuita: { dimension: 'Continuità', subdimension: 'Erogazione del servizio senza interruzioni', description: null, formula: 'Giorni di chiusura non programmata', target: '2 giorni', additional: true },
  };

  it.each(['rows-reordered.txt', 'extra-column.txt', 'columns-reordered.txt', 'no-notes.txt', 'crlf-bom.txt'])('imports %s just as well', (name) => {
    const { organisation, card } = importFixture(name);
    expect(organisation?.name).toBe('COMUNE DI ESEMPIO');
    expect(card.year).toBe(2022);
    expect(card.service.name).toBe("Rilascio carta d'identità elettronica");
    expect(card.service.office).toBe('Settore servizi demografici');
    expect(card.service.characteristics.text).toBe('Rilascio della CIE ai residenti.\nSu appuntamento.');
    expect(card.service.diffidaBody).toEqual({ text: 'Dirigente del Settore servizi demografici scheda', links: [{ text: 'scheda', href: 'https://comune.esempio.it/dirigente' }] });
    expect(card.service.webAddress?.href).toBe('https://comune.esempio.it/cie');
    expect(card.service.channels).toEqual([
      { key: 'web', kind: 'web', label: 'Sito web', address: 'https://comune.esempio.it/cie', hours: null },
      { key: 'phone', kind: 'phone', label: 'Telefono', address: '06 1234567', hours: { weekdays: [1, 2, 3, 4, 5], opens: '08:30', closes: '12:30' } },
    ]);
    const bySlug = Object.fromEntries(card.indicators.map((i) => [i.slug, { ...cells(i), line: undefined }]));
    expect(bySlug).toEqual(Object.fromEntries(Object.entries(expectedIndicators).map(([slug, fields]) => [slug, { ...fields, line: undefined }])));
    expect(card.indicators.map((i) => i.source.line)).toEqual([17, 18, 19, 20, 21, 22, 23]);
  });

  it('keeps the rows in the order written', () => {
    expect(importFixture('rows-reordered.txt').card.indicators.map((i) => i.slug)).toEqual([
      'continuita', 'conformita', 'tempestivita', 'accessibilita-fisica', 'accessibilita-multicanale', 'accessibilita-multicanale-2', 'responsabili',
    ]);
  });

  it('reads the Note column and reports the column it does not know', () => {
    const { card, doubts } = importFixture('extra-column.txt');
    expect(card.indicators.map((i) => i.notes)).toEqual([null, 'Solo mattina', null, null, null, null, 'Esclusi scioperi']);
    expect(doubts).toEqual([{ code: 'doubtful-column', severity: 'info', file: 'extra-column.txt', line: 16, field: null, message: expect.stringContaining('"Responsabile"') }]);
  });

  it('reads the footnotes and the notes section under the table', () => {
    const { card, doubts } = importFixture('rows-reordered.txt');
    const rule = 'Per la definizione del valore programmato, verificare preliminarmente: Previsioni di termini fissati da leggi o regolamenti; il valore programmato non può essere peggiorativo';
    expect(card.notes).toEqual([STAR_NOTE, `(&) ${rule}`, 'Le carte sono consegnate per posta.', 'Il servizio è sospeso ad agosto.']);
    expect(card.ruleText).toBe(rule);
    expect(doubts).toEqual([]);
  });

  it('is fine without footnotes or a notes section', () => {
    const { card, doubts } = importFixture('no-notes.txt');
    expect(card.notes).toEqual([]);
    expect(card.ruleText).toBeNull();
    expect(doubts).toEqual([]);
  });

  it('reads a card with headings on their own lines and a year', () => {
    const { organisation, card, doubts } = importFixture('headings-layout.txt');
    expect(organisation).toEqual({ slug: 'regione-esempio', name: 'REGIONE ESEMPIO' });
    expect(card.year).toBe(2019);
    expect(doubts).toEqual([]);
    const { service } = card;
    expect(service.name).toBe('SPORTELLO UNICO ATTIVITÀ PRODUTTIVE');
    expect(service.office).toBeNull();
    expect(service.characteristics.text).toBe('Lo sportello riceve le pratiche delle imprese.');
    expect(service.userTypes.text).toBe('Imprese e professionisti.');
    expect(service.diffidaBody.text).toBe('Direttore della Direzione attività produttive');
    expect(service.staff).toBe(4);
    expect(service.channels).toEqual([
      { key: 'phone', kind: 'phone', label: 'Telefono', address: '011 7654321', hours: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '13:00' } },
      { key: 'email', kind: 'email', label: 'E-mail', address: 'suap@regione.esempio.it', hours: null },
    ]);
    expect(card.indicators.map(cells)).toEqual([
      { dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Risposta telefonica', formula: 'Chiamate risposte/chiamate ricevute', target: '90%', additional: false, line: 21 },
      { dimension: 'Accessibilità', subdimension: 'Accessibilità multicanale', description: 'Risposta via e-mail', formula: 'E-mail evase/e-mail ricevute', target: '95%', additional: false, line: 22 },
      { dimension: 'Tempestività', subdimension: 'Tempestività', description: 'Tempo di risposta a una e-mail', formula: 'Giorni lavorativi tra ricezione e risposta', target: '3 giorni lavorativi', additional: false, line: 23 },
    ]);
  });
});

/** A small card in the key/value layout, with the given table lines. */
function smallCard(table: string[], fields: string[] = []): string {
  return [
    'ANNO 2023',
    'Denominazione del servizio\tServizio di prova',
    'Modalità di erogazione\tSportello',
    ...fields,
    '',
    'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato',
    ...table,
  ].join('\n');
}

describe('readCardText on doubtful cells', () => {
  it('does not carry a sub-dimension over into another dimension', () => {
    const { card } = readCardText(smallCard(['Accessibilità\tMulticanale\tA\tF1\t95%', '\t\tB\tF2\t90%', 'Tempestività\t\tC\tF3\t5 giorni', '\t\tD\tF4\t3 giorni']), { file: 'x.txt' });
    expect(card.indicators.map((i) => [i.dimension, i.subdimension, i.description])).toEqual([
      ['Accessibilità', 'Multicanale', 'A'],
      ['Accessibilità', 'Multicanale', 'B'],
      ['Tempestività', null, 'C'],
      ['Tempestività', null, 'D'],
    ]);
  });

  it('takes a row with a dimension alone as the heading of the rows below', () => {
    const { card } = readCardText(smallCard(['Trasparenza\t\t\t\t', '\tResponsabili\tA\tF\t3 giorni']), { file: 'x.txt' });
    expect(card.indicators.map(cells)).toEqual([{ dimension: 'Trasparenza', subdimension: 'Responsabili', description: 'A', formula: 'F', target: '3 giorni', additional: false, line: 7 }]);
  });

  it.each([
    ['a row with a cell too many', 'Accessibilità\tMulticanale\tA\tF\t95%\tin più', /"in più" beyond the last column/],
    ['a row with cells missing', 'Accessibilità\tMulticanale\tA', /"Formula indicatore", "Valore programmato" missing/],
  ])('reports %s as a doubtful row with its line', (_what, row, message) => {
    const { card, doubts } = readCardText(smallCard([row]), { file: 'x.txt' });
    expect(card.indicators).toHaveLength(1);
    expect(doubts).toContainEqual({ code: 'doubtful-row', severity: 'warning', file: 'x.txt', line: 6, field: null, message: expect.stringMatching(message) });
  });

  it('reports a row without valore programmato', () => {
    const { doubts } = readCardText(smallCard(['Accessibilità\tMulticanale\tA\tF\t']), { file: 'x.txt' });
    expect(doubts).toEqual([expect.objectContaining({ code: 'doubtful-cell', line: 6, field: 'target' })]);
  });

  it('reports a web address it cannot read as a link', () => {
    const { card, doubts } = readCardText(smallCard(['Accessibilità\tMulticanale\tA\tF\t95%'], ['Indirizzo della pagina web riguardante il servizio\tsul sito istituzionale']), { file: 'x.txt' });
    expect(card.service.webAddress).toBeNull();
    expect(doubts).toEqual([expect.objectContaining({ code: 'doubtful-cell', line: 4, field: 'webAddress' })]);
  });

  it('reads a service name written alone above the headings, and says so', () => {
    const text = ['Sportello prova', '', 'Caratteristiche del servizio', 'Un servizio.', '', 'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato', 'Accessibilità\tFisica\tA\tF\t95%'].join('\n');
    const { card, doubts } = readCardText(text, { file: 'x.txt', year: 2024 });
    expect(card.service.name).toBe('Sportello prova');
    expect(card.service.characteristics.text).toBe('Un servizio.');
    expect(doubts).toEqual([expect.objectContaining({ code: 'doubtful-cell', line: 1, field: 'name' })]);
  });

  it('reads "Denominazione Servizio" and "Descrizione Servizio" (no "del") as the service name and characteristics', () => {
    const text = ['Denominazione Servizio\tSportello prova', 'Descrizione Servizio\tInformazioni agli studenti', '', 'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato', 'Accessibilità\tMulticanale\tA\tF\t95%'].join('\n');
    const { card } = readCardText(text, { file: 'x.txt', year: 2024 });
    expect(card.service.name).toBe('Sportello prova');
    expect(card.service.characteristics.text).toBe('Informazioni agli studenti');
  });

  it('takes the line of its own right above "Label: value" fields that name no service as the service name, with a doubt', () => {
    const text = ['SERVIZIO INFORMATIVO PROVA', '', 'Descrizione Servizio: Informazioni agli studenti', 'Ubicazione: Piazza Grande', '', 'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato', 'Accessibilità\tMulticanale\tA\tF\t95%'].join('\n');
    const { card, doubts } = readCardText(text, { file: 'x.txt', year: 2024 });
    expect(card.service.name).toBe('SERVIZIO INFORMATIVO PROVA');
    expect(card.service.office).toBeNull();
    expect(card.service.characteristics.text).toBe('Informazioni agli studenti');
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', line: 1, field: 'name', message: 'service name read from the line above the first field: "SERVIZIO INFORMATIVO PROVA"' }));
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-line', line: 4, message: '"Ubicazione" is not a card field: the line is not imported' }));
  });

  it('reports a line above the table it does not understand instead of dropping it silently', () => {
    const { doubts } = readCardText(smallCard(['Accessibilità\tMulticanale\tA\tF\t95%'], ['Responsabile del procedimento\tMario Rossi']), { file: 'x.txt' });
    expect(doubts).toEqual([expect.objectContaining({ code: 'doubtful-line', line: 4, message: expect.stringContaining('Responsabile del procedimento') })]);
  });
});

// A web page's table as text, one cell a line (the Comune di Bolzano's commitments, test/fixtures/cards/corpus).
const PIPE_CELLS = [
  'Denominazione del servizio\tSportello',
  '| Fattore di qualità | Indicatore di qualità | Modalità di rilevazione /calcolo | Standard di qualità | Indennizzo |',
  '| Accessibilità al servizio',
  '| Accessibilità fisica delle sedi',
  '| N. strutture accessibili/N. strutture',
  '| 100%',
  '| previsto',
  '|',
  '| Accessibilità al servizio',
  '| Apertura della sede agli utenti',
  '| N. di ore di apertura settimanale',
  '| min. 21.30h',
  '| previsto',
  '|',
];

describe('readCardText on a pipe table with one cell a line', () => {
  it('joins each row\'s cells and reads the columns of the 1994 directive (Fattore, Indicatore, Modalità di rilevazione, Standard)', () => {
    const { card, doubts } = readCardText(PIPE_CELLS.join('\n'), { file: 'bolzano.txt' });
    expect(card.indicators.map(cells)).toEqual([
      { dimension: 'Accessibilità al servizio', subdimension: null, description: 'Accessibilità fisica delle sedi', formula: 'N. strutture accessibili/N. strutture', target: '100%', additional: false, line: 3 },
      { dimension: 'Accessibilità al servizio', subdimension: null, description: 'Apertura della sede agli utenti', formula: 'N. di ore di apertura settimanale', target: 'min. 21.30h', additional: false, line: 9 },
    ]);
    expect(card.indicators.map((i) => i.dimensionKey)).toEqual(['accessibilita', 'accessibilita']);
    expect(doubts.map((d) => d.message)).toContainEqual(expect.stringMatching(/"Indennizzo" is not a card column/));
  });

  it('keeps a last row the text cuts before its closing "|" as far as it goes, and says the document is cut', () => {
    const cut = [...PIPE_CELLS, "| Tutela dell'utente", '| Risposta ai reclami e alle segnalazi'];
    expect(joinPipeCellLines(cut)).toMatchObject({ cut: true });
    expect(joinPipeCellLines(cut)?.rows.at(-1)?.cells.map((c) => c.text)).toEqual(["Tutela dell'utente", 'Risposta ai reclami e alle segnalazi']);
    expect(readTextDocument(cut.join('\n'), 'bolzano.txt').truncated).toBe(true);
    expect(readTextDocument(PIPE_CELLS.join('\n'), 'bolzano.txt').truncated).toBe(false);
  });

  it('reads the German page\'s layout (a cell\'s words on their own lines between lone "|" lines) and its column names', () => {
    const german = [
      'Denominazione del servizio\tSchalter',
      '| Qualitätsfaktor | Qualitätsindikator | Erfassungs- /Berechnungsmethode | Qualitäts- standard | Entschädigung |',
      'Zugänglichkeit des Dienstes',
      '|',
      'Öffungszeiten der Einrichtungen',
      '|',
      'Anzahl der Öffnungs- stunden pro Woche',
      '| min. 21,30 h',
      '| vorgesehen',
      '|',
      'Schutz der Nutzer/-innen',
      '|',
      'Bearbeitungsdauer von Beschwerden',
      '|',
      'Bearbeitungszeit in Tagen',
      '|',
      'innerha',
    ];
    const { card, doubts } = readCardText(german.join('\n'), { file: 'bozen.txt' });
    expect(card.indicators.map(cells)).toEqual([
      { dimension: 'Zugänglichkeit des Dienstes', subdimension: null, description: 'Öffungszeiten der Einrichtungen', formula: 'Anzahl der Öffnungs- stunden pro Woche', target: 'min. 21,30 h', additional: false, line: 3 },
    ]);
    expect(card.indicators[0]?.target).toMatchObject({ comparator: '>=', value: 21.3, unit: 'hours' });
    // The last row lost its Entschädigung cell to the cut: it is left out and said to be cut.
    expect(readTextDocument(german.join('\n'), 'bozen.txt').truncated).toBe(true);
    expect(doubts.map((d) => d.code)).toContain('truncated-row');
  });

  it('leaves every other text as it is: a pipe line with no row of cells below it, or no pipe at all', () => {
    expect(joinPipeCellLines(['| a | b | c |', 'text'])).toBeNull();
    expect(joinPipeCellLines(['| a | b | c |', '| x', 'no closing bar'])).toBeNull();
    expect(joinPipeCellLines(readSeed(S0).split('\n'))).toBeNull();
  });
});

describe('readCardText on files that are not cards', () => {
  it.each([
    ['empty.txt', /^empty\.txt: the file is empty/],
    ['shopping-list.txt', /^shopping-list\.txt: not a standard card: no indicator table/],
    ['table-without-rows.txt', /^table-without-rows\.txt:16: the indicator table has no rows/],
  ])('rejects %s with a UserError naming the file', (name, message) => {
    expect(() => importFixture(name)).toThrow(UserError);
    expect(() => importFixture(name)).toThrow(message);
  });

  it.each([
    ['only blank lines', ' \n\t\n\r\n', /^blank\.txt: the file is empty/],
    ['a table with no service name', 'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato\nAccessibilità\tFisica\tA\tF\t95%', /^blank\.txt, field "name": not a standard card: no service name/],
    ['a header without valore programmato', 'Denominazione del servizio\tX\nDimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\nAccessibilità\tFisica\tA\tF', /^blank\.txt:2: the table header has no "Valore programmato" column/],
    ['a first row without dimension', 'Denominazione del servizio\tX\nDimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato\n\tFisica\tA\tF\t95%', /^blank\.txt:3, field "dimension": the first row of the table has no dimension/],
    ['a table whose rows hold nothing', 'Denominazione del servizio\tX\nDimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato\n\t\t\t\t', /^blank\.txt:2: the indicator table has no rows/],
  ])('rejects %s with a UserError saying what and where', (_what, text, message) => {
    expect(() => readCardText(text, { file: 'blank.txt' })).toThrow(message);
  });
});
