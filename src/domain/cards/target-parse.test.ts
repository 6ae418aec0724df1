import { describe, expect, it } from 'vitest';
import type { Target } from './target.ts';
import {
  type IndicatorMeaning,
  isDurationFormula,
  isQualitativeTarget,
  isRatioFormula,
  overrideComparator,
  parseBaselineAndTarget,
  parseTarget,
  readStatedValue,
  speaksOfMinimumCost,
} from './target-parse.ts';

function meaning(formula: string | null, extra: Partial<IndicatorMeaning> = {}): IndicatorMeaning {
  return { dimension: 'Accessibilità', subdimension: null, description: null, formula, ...extra };
}

// The indicators of the seed cards, as the importer hands them over.
const availability = meaning('Numero giornate di accessibilità al web /Numero giorni anno solare');
const updatedPages = meaning('Pagine aggiornate/Pagine di riferimento pubblicate');
const servedPhone = meaning('Numero richieste evase tramite telefonate./ N. totale richieste telefoniche');
const answeredInMinutes = meaning('Numero di risposte fornite entro 5 minuti / N. totale risposte', {
  dimension: 'Tempestività',
  description: "Tempo massimo che intercorre tra la richiesta e la risposta dell'operatore",
});
const webSpaces = meaning("Numero spazi web dedicati al servizio/ N. spazi dell'area comunicazione sulla home page.");
const complaints = meaning('Numero di segnalazioni ricevute per non conformità della risposta/numero di segnalazioni totali', { dimension: 'Efficacia' });
const allReports = meaning('Numero di segnalazioni ricevute/numero di segnalazioni totali', { dimension: 'Efficacia', subdimension: 'Compiutezza' });
const interventions = meaning('Numero di interventi avviati dalla Direzione Generale per adeguare il servizio erogato/Numero totale di interventi attuabili', {
  dimension: 'Elasticità',
});
const maximumDisruption = meaning("Numero massimo di giorni dell'anno di disagio dell'utenza esterna nei casi di interruzione del servizio", {
  dimension: 'Continuità',
  subdimension: "Erogazione del servizio in modo continuo, regolare e senza interruzioni, con l'approntamento di misure volte a limitare al massimo il disagio",
});
const minimumDisruption = meaning("Numero minimo di giorni dell'anno di disagio dell'utenza esterna nei casi di interruzione del servizio", { dimension: 'Continuità' });
const daysNeeded = meaning("Numero di giorni necessari per l'aggiornamento del sito web", { dimension: 'Trasparenza' });
const daysNeededShort = meaning("N. giorni necessari per l'aggiornamento del sito web.", { dimension: 'Trasparenza' });
const timeNeeded = meaning('Tempo necessario per ricevere le credenziali di accreditamento', { dimension: 'Tempestività' });
const maximumTimeTypo = meaning(null, { dimension: 'Tempestività', description: 'Tempo masimo entro il quale mettere a disposizione un nuovo contenuto' });
const timeBetween = meaning("Tempo intercorrente tra l'invio della comunicazione di riferimento e la sua registrazione al sistema telematico", {
  dimension: 'Tempestività',
});
const contactProcedures = meaning("N. Informazioni presenti sul web sulle modalità di contatto / N. informazioni necessarie per accedere al servizio", {
  dimension: 'Trasparenza',
});
const noMeaning = meaning(null);

type Expected = Pick<Target, 'comparator' | 'value' | 'unit' | 'period' | 'measurable'>;

describe('parseTarget', () => {
  it.each<[string, IndicatorMeaning, Expected, RegExp]>([
    // The seeds' targets against their own indicators.
    ['95%', availability, { comparator: '>=', value: 95, unit: 'percent', period: 'year', measurable: true }, /available/],
    ['100%', updatedPages, { comparator: '>=', value: 100, unit: 'percent', period: null, measurable: true }, /published or updated/],
    ['99%', servedPhone, { comparator: '>=', value: 99, unit: 'percent', period: null, measurable: true }, /served or answered/],
    ['95%', answeredInMinutes, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /served or answered/],
    ['25%', webSpaces, { comparator: '>=', value: 25, unit: 'percent', period: null, measurable: true }, /higher is better/],
    ['1%', complaints, { comparator: '<=', value: 1, unit: 'percent', period: null, measurable: true }, /complaints.*lower is better/],
    ['1%', allReports, { comparator: '<=', value: 1, unit: 'percent', period: null, measurable: true }, /segnalazioni/],
    ['95%', interventions, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /interventi/],
    ['7 giorni lavorativi', maximumDisruption, { comparator: '<=', value: 7, unit: 'working-days', period: 'year', measurable: true }, /lower is better|fewer is better/],
    ['15 giorni', maximumDisruption, { comparator: '<=', value: 15, unit: 'days', period: 'year', measurable: true }, /maximum/],
    ['7 giorni', minimumDisruption, { comparator: '<=', value: 7, unit: 'days', period: 'year', measurable: true }, /says "minimo", but days of disruption.*cost.*lower is better/],
    ['3 giorni', daysNeeded, { comparator: '<=', value: 3, unit: 'days', period: null, measurable: true }, /time needed/],
    ['5 giorni', daysNeededShort, { comparator: '<=', value: 5, unit: 'days', period: null, measurable: true }, /time needed/],
    ['3 giorni', timeNeeded, { comparator: '<=', value: 3, unit: 'days', period: null, measurable: true }, /time needed/],
    ['5 giorni', maximumTimeTypo, { comparator: '<=', value: 5, unit: 'days', period: null, measurable: true }, /maximum time/],
    ['5 giorni', contactProcedures, { comparator: '<=', value: 5, unit: 'days', period: null, measurable: true }, /duration/],
    ['tempo reale', timeBetween, { comparator: null, value: null, unit: null, period: null, measurable: false }, /not measurable until a measure gives it a number/],
    // Other ways a PA writes a target.
    ['95 %', availability, { comparator: '>=', value: 95, unit: 'percent', period: 'year', measurable: true }, /available/],
    ['95,5%', noMeaning, { comparator: '>=', value: 95.5, unit: 'percent', period: null, measurable: true }, /higher is better/],
    ['>= 95%', complaints, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says ">="/],
    ['≥ 95%', complaints, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says "≥"/],
    ['&ge; 95%', noMeaning, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says "≥"/],
    ['almeno il 95%', complaints, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says "almeno il": the value is a minimum/],
    ['non inferiore al 90%', noMeaning, { comparator: '>=', value: 90, unit: 'percent', period: null, measurable: true }, /says "non inferiore al"/],
    ['più di 90%', noMeaning, { comparator: '>=', value: 90, unit: 'percent', period: null, measurable: true }, /says "più di"/],
    ['fino a 3 giorni', noMeaning, { comparator: '<=', value: 3, unit: 'days', period: null, measurable: true }, /says "fino a"/],
    ['1,5 ore', noMeaning, { comparator: '<=', value: 1.5, unit: 'hours', period: null, measurable: true }, /shorter the better/],
    ['95% minimo', noMeaning, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says "minimo"/],
    ['non oltre 3 giorni', noMeaning, { comparator: '<=', value: 3, unit: 'days', period: null, measurable: true }, /says "non oltre"/],
    ['entro 5 giorni lavorativi', availability, { comparator: '<=', value: 5, unit: 'working-days', period: 'year', measurable: true }, /says "entro"/],
    ['entro 5 gg. lav.', noMeaning, { comparator: '<=', value: 5, unit: 'working-days', period: null, measurable: true }, /says "entro"/],
    ['max 2 ore', noMeaning, { comparator: '<=', value: 2, unit: 'hours', period: null, measurable: true }, /says "max"/],
    ['3 giorni al massimo', noMeaning, { comparator: '<=', value: 3, unit: 'days', period: null, measurable: true }, /says "al massimo"/],
    ['< 2%', noMeaning, { comparator: '<=', value: 2, unit: 'percent', period: null, measurable: true }, /read inclusively/],
    ['pari al 100%', noMeaning, { comparator: '=', value: 100, unit: 'percent', period: null, measurable: true }, /exact value/],
    ['30 minuti', noMeaning, { comparator: '<=', value: 30, unit: 'minutes', period: null, measurable: true }, /shorter the better/],
    ['90 secondi', noMeaning, { comparator: '<=', value: 1.5, unit: 'minutes', period: null, measurable: true }, /shorter the better/],
    ['2 settimane', noMeaning, { comparator: '<=', value: 14, unit: 'days', period: null, measurable: true }, /shorter the better/],
    ['7 giorni/anno', noMeaning, { comparator: '<=', value: 7, unit: 'days', period: 'year', measurable: true }, /shorter the better/],
    ['10', interventions, { comparator: '>=', value: 10, unit: 'count', period: null, measurable: true }, /interventi/],
    ['10', noMeaning, { comparator: '>=', value: 10, unit: 'count', period: null, measurable: true }, /number to reach/],
    ['3', daysNeeded, { comparator: '<=', value: 3, unit: 'count', period: null, measurable: true }, /measures a time/],
    [
      '10%',
      meaning('(Numero di richieste di integrazioni da parte di ISPRA/numero totale di istruttorie)x100', { description: "Completezza dell'istruttoria" }),
      { comparator: '<=', value: 10, unit: 'percent', period: null, measurable: true },
      /more documents.*lower is better/,
    ],
    ['2', meaning('Numero di reclami ricevuti'), { comparator: '<=', value: 2, unit: 'count', period: null, measurable: true }, /number of complaints/],
    ['1.000', noMeaning, { comparator: '>=', value: 1000, unit: 'count', period: null, measurable: true }, /higher is better/],
    ['**95%**', availability, { comparator: '>=', value: 95, unit: 'percent', period: 'year', measurable: true }, /available/],
    ['', availability, { comparator: null, value: null, unit: null, period: null, measurable: false }, /no valore programmato/],
    ['   ', availability, { comparator: null, value: null, unit: null, period: null, measurable: false }, /no valore programmato/],
    ['95% / 3 giorni', availability, { comparator: null, value: null, unit: null, period: null, measurable: false }, /could not be read/],
    ['95-100%', availability, { comparator: null, value: null, unit: null, period: null, measurable: false }, /could not be read/],
    ['3 mesi', noMeaning, { comparator: null, value: null, unit: null, period: null, measurable: false }, /does not measure/],
  ])('reads "%s" as %j', (text, indicator, expected, reason) => {
    const target = parseTarget(text, indicator);
    expect(target).toMatchObject({ ...expected, text, comparatorSource: 'inferred' });
    expect(target.comparatorReason.trim()).not.toBe('');
    expect(target.comparatorReason).toMatch(reason);
  });

  it('lets an explicit operator in the text beat the meaning of the indicator', () => {
    expect(parseTarget('1%', complaints).comparator).toBe('<=');
    expect(parseTarget('almeno 1%', complaints).comparator).toBe('>=');
  });

  it('keeps the text exactly as written', () => {
    expect(parseTarget('  95 % ', availability).text).toBe('  95 % ');
  });
});

// Indicators of the corpus cards (test/fixtures/cards), as their PDFs' text layers give them.
const unimeOpeningHours = meaning('N° ore apertura al pubblico A.M./settimana', { subdimension: 'Accessibilità Fisica', description: 'Accesso agli Uffici' });
const unimeQueue = meaning('Minuti X N° utenti in coda', { dimension: 'Tempestività', description: 'Tempi medi di attesa agli sportelli' });
const unimeComplaints = meaning('N° Reclami (pertinenti al servizio)/anno', { dimension: 'Efficacia', subdimension: 'Affidabilità', description: 'Reclami pervenuti' });
const unimeNegativeFeedback = meaning("N° feedback negativi da parte dell'utenza/totale utenza", { dimension: 'Efficacia', subdimension: 'Compiutezza' });
const unimeDiploma = meaning(null, { dimension: 'Tempestività', description: 'Rilascio pergamena master' });

describe('parseTarget on values as PAs write them', () => {
  it.each<[string, IndicatorMeaning, Expected, RegExp]>([
    // Symbol-font ≥ and ≤ as the Università di Messina card's PDF text gives them.
    ['³9h', unimeOpeningHours, { comparator: '>=', value: 9, unit: 'hours', period: null, measurable: true }, /says "³".*"≥" set in the Symbol font/],
    ['³4h', unimeOpeningHours, { comparator: '>=', value: 4, unit: 'hours', period: null, measurable: true }, /minimum/],
    ['³40%', servedPhone, { comparator: '>=', value: 40, unit: 'percent', period: null, measurable: true }, /says "³"/],
    ['£30 min', unimeQueue, { comparator: '<=', value: 30, unit: 'minutes', period: null, measurable: true }, /says "£".*"≤" set in the Symbol font/],
    ['£48h', noMeaning, { comparator: '<=', value: 48, unit: 'hours', period: null, measurable: true }, /maximum/],
    ['£90 gg', unimeDiploma, { comparator: '<=', value: 90, unit: 'days', period: null, measurable: true }, /says "£"/],
    ['£30', unimeComplaints, { comparator: '<=', value: 30, unit: 'count', period: 'year', measurable: true }, /says "£"/],
    ['£15%', unimeNegativeFeedback, { comparator: '<=', value: 15, unit: 'percent', period: null, measurable: true }, /says "£"/],
    ['\uf0b3 95%', noMeaning, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /Symbol font/],
    // Signs and words.
    ['≥ 95%', noMeaning, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says "≥"/],
    ['>= 95 %', noMeaning, { comparator: '>=', value: 95, unit: 'percent', period: null, measurable: true }, /says ">="/],
    ['maggiore o uguale a 90,00%', noMeaning, { comparator: '>=', value: 90, unit: 'percent', period: null, measurable: true }, /says "maggiore o uguale a"/],
    ['almeno il 90%', complaints, { comparator: '>=', value: 90, unit: 'percent', period: null, measurable: true }, /says "almeno il"/],
    ['non oltre 30 giorni', noMeaning, { comparator: '<=', value: 30, unit: 'days', period: null, measurable: true }, /says "non oltre"/],
    ['entro 48h', noMeaning, { comparator: '<=', value: 48, unit: 'hours', period: null, measurable: true }, /says "entro"/],
    ['max 15 gg', noMeaning, { comparator: '<=', value: 15, unit: 'days', period: null, measurable: true }, /says "max"/],
    ['≤ 2,5 ore', noMeaning, { comparator: '<=', value: 2.5, unit: 'hours', period: null, measurable: true }, /says "≤"/],
    ['5 giorni (lavorativi)', noMeaning, { comparator: '<=', value: 5, unit: 'working-days', period: null, measurable: true }, /shorter the better/],
    ['entro 10 giorni lavorativi', noMeaning, { comparator: '<=', value: 10, unit: 'working-days', period: null, measurable: true }, /says "entro"/],
    ['3 settimane', noMeaning, { comparator: '<=', value: 21, unit: 'days', period: null, measurable: true }, /shorter the better/],
    ['20 min', noMeaning, { comparator: '<=', value: 20, unit: 'minutes', period: null, measurable: true }, /shorter the better/],
    // English units, as the Università di Genova's English charter writes them (test/fixtures/cards/corpus).
    ['4 hours', meaning(null, { dimension: 'Promptness', description: 'Average time for taking in charge' }), { comparator: '<=', value: 4, unit: 'hours', period: null, measurable: true }, /shorter the better/],
    ['2 days', meaning(null, { dimension: 'Promptness', description: 'Average time for delivering' }), { comparator: '<=', value: 2, unit: 'days', period: null, measurable: true }, /shorter the better/],
    ['5 working days', noMeaning, { comparator: '<=', value: 5, unit: 'working-days', period: null, measurable: true }, /shorter the better/],
    ['2 weeks', noMeaning, { comparator: '<=', value: 14, unit: 'days', period: null, measurable: true }, /shorter the better/],
    ['30 minutes', noMeaning, { comparator: '<=', value: 30, unit: 'minutes', period: null, measurable: true }, /shorter the better/],
    ['1', meaning(null, { dimension: 'Effectiveness', description: 'Number of complaints per year' }), { comparator: '<=', value: 1, unit: 'count', period: null, measurable: true }, /complaints/],
    // Counts per year.
    ['30/anno', unimeComplaints, { comparator: '<=', value: 30, unit: 'count', period: 'year', measurable: true }, /complaints/],
    ['max 12 reclami/anno', noMeaning, { comparator: '<=', value: 12, unit: 'count', period: 'year', measurable: true }, /says "max"/],
    ['almeno 4 incontri all\'anno', noMeaning, { comparator: '>=', value: 4, unit: 'count', period: 'year', measurable: true }, /says "almeno"/],
  ])('reads "%s" as %j', (text, indicator, expected, reason) => {
    const target = parseTarget(text, indicator);
    expect(target).toMatchObject({ ...expected, text, comparatorSource: 'inferred' });
    expect(target.comparatorReason).toMatch(reason);
    expect(target.achieved).toBeUndefined();
    expect(target.suggestion).toBeUndefined();
  });

  it.each<[string, IndicatorMeaning, { comparator: '>=' | '<=' | '='; value: number; unit: string; text: string }]>([
    ['erogazione immediata per almeno il 90% delle richieste', noMeaning, { comparator: '>=', value: 90, unit: 'percent', text: 'almeno il 90%' }],
    ['Risposta entro 30 giorni dalla richiesta', noMeaning, { comparator: '<=', value: 30, unit: 'days', text: 'entro 30 giorni' }],
    ['Tempo di attesa per la prenotazione: 20 minuti', unimeQueue, { comparator: '<=', value: 20, unit: 'minutes', text: '20 minuti' }],
  ])('keeps the sentence "%s" as words and offers the value it holds as a suggestion', (text, indicator, suggestion) => {
    const target = parseTarget(text, indicator);
    expect(target).toMatchObject({ text, comparator: null, value: null, unit: null, measurable: false });
    expect(target.comparatorReason).toMatch(/is a sentence.*kept as written.*offered to be confirmed, not taken/);
    expect(target.comparatorReason).toContain(`"${suggestion.text}"`);
    expect(target.suggestion).toMatchObject(suggestion);
    expect(target.suggestion?.reason.trim()).not.toBe('');
  });

  it.each<[string, { comparator: '>=' | '<='; value: number; unit: string }, { value: number; unit: string; text: string }]>([
    ['90% 100%', { comparator: '>=', value: 90, unit: 'percent' }, { value: 100, unit: 'percent', text: '100%' }],
    ['≥ 95% | 97,5%', { comparator: '>=', value: 95, unit: 'percent' }, { value: 97.5, unit: 'percent', text: '97,5%' }],
    ['£15 gg 12 gg', { comparator: '<=', value: 15, unit: 'days' }, { value: 12, unit: 'days', text: '12 gg' }],
    ['100 100', { comparator: '>=', value: 100, unit: 'count' }, { value: 100, unit: 'count', text: '100' }],
  ])('reads the rendicontazione cell "%s" as the valore programmato and the value achieved', (text, target, achieved) => {
    const parsed = parseTarget(text, noMeaning);
    expect(parsed).toMatchObject({ ...target, measurable: true, text });
    expect(parsed.achieved).toMatchObject(achieved);
    expect(parsed.achieved?.reason).toMatch(/two values.*valore programmato.*value achieved/);
  });

  it.each<string>(['90% 3 giorni', '90% / 100%', '90% 100% 80%', '90% almeno 100%', '95 - 100%'])('does not read "%s" as a target and a result', (text) => {
    const parsed = parseTarget(text, noMeaning);
    expect(parsed).toMatchObject({ comparator: null, value: null, measurable: false });
    expect(parsed.achieved).toBeUndefined();
  });

  it.each<[string, '>=' | '<=', number, string]>([
    ['n. campioni effettuati / n. campioni programmati (> 90 %)', '>=', 90, 'percent'],
    ["Rilascio entro 48 ore dalla richiesta di certificazioni veterinarie, inerenti attività rilevanti nell'ambito degli animali di affezione ( ≥ 90 % )", '>=', 90, 'percent'],
    ['Risposta scritta al reclamo (≤ 30 giorni)', '<=', 30, 'days'],
  ])('reads the comparison in the bracket that closes "%s" as the standard, keeping the words', (text, comparator, value, unit) => {
    const parsed = parseTarget(text, noMeaning);
    expect(parsed).toMatchObject({ text, comparator, value, unit, measurable: true });
    expect(parsed.comparatorReason).toMatch(/bracket that closes the cell/);
  });

  it.each<string>(['5 giorni (10 nel 2023)', 'Tempo di rilascio (90%)', '(≥ 90 %)  entro 2 giorni', '(≥ 90%)'])('does not take the bracket of "%s" for the standard when it states no comparator, does not close the cell, or is the whole cell', (text) => {
    expect(parseTarget(text, noMeaning).comparatorReason ?? '').not.toMatch(/bracket that closes the cell/);
  });

  it('reads 100% as a minimum even where the wording would make it a maximum, since no share is above 100%', () => {
    const withinTime = { dimension: 'Tempestività', subdimension: null, description: "Tempestività nell'avvio dell'istruttoria", formula: "Tempo intercorso tra l'arrivo della richiesta e l'invio delle lettere minore o uguale a 20 giorni" };
    expect(parseTarget('90%', withinTime)).toMatchObject({ comparator: '<=' });
    expect(parseTarget('100%', withinTime)).toMatchObject({ comparator: '>=', value: 100, comparatorReason: expect.stringMatching(/would promise nothing/) });
    expect(parseTarget('≤ 100%', withinTime)).toMatchObject({ comparator: '<=' });
  });

  it('reads 0% as a maximum even where nothing says lower is better, since no share is below 0%', () => {
    expect(parseTarget('0%', noMeaning)).toMatchObject({ comparator: '<=', value: 0, comparatorReason: expect.stringMatching(/would promise nothing/) });
    expect(parseTarget('almeno 0%', noMeaning)).toMatchObject({ comparator: '>=' });
  });

  it('reads a value with a tolerance in brackets as that value, the tolerance and any footnote mark kept in the text', () => {
    const parsed = parseTarget('100%* (-15%)', noMeaning);
    expect(parsed).toMatchObject({ text: '100%* (-15%)', comparator: '>=', value: 100, unit: 'percent', measurable: true });
    expect(parsed.comparatorReason).toMatch(/tolerance/);
    expect(parseTarget('5 giorni (± 1)', noMeaning)).toMatchObject({ comparator: '<=', value: 5, unit: 'days' });
    // A bracket of another value with no sign is no tolerance: as before, two values are not read as one.
    expect(parseTarget('95% (100%)', noMeaning)).toMatchObject({ measurable: false });
  });

  it('offers no suggestion for a sentence with more than one number', () => {
    const parsed = parseTarget('il 90% delle pratiche entro 30 giorni', noMeaning);
    expect(parsed).toMatchObject({ measurable: false, value: null });
    expect(parsed.suggestion).toBeUndefined();
  });
});

describe('readStatedValue', () => {
  it.each<[string, { value: number; unit: string; text: string } | null]>([
    ['80%', { value: 80, unit: 'percent', text: '80%' }],
    ['12 gg', { value: 12, unit: 'days', text: '12 gg' }],
    ['2,5 ore', { value: 2.5, unit: 'hours', text: '2,5 ore' }],
    ['≥ 80%', null],
    ['n.d.', null],
    ['', null],
  ])('reads %j', (text, expected) => {
    const value = readStatedValue(text);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toMatchObject(expected);
  });
});

describe('parseBaselineAndTarget', () => {
  it('reads a target below its baseline as a maximum, whatever the wording says', () => {
    const { target, baseline } = parseBaselineAndTarget('20 giorni', '15 giorni', availability);
    expect(baseline).toMatchObject({ value: 20, unit: 'days' });
    expect(target).toMatchObject({ comparator: '<=', value: 15, unit: 'days' });
    expect(target.comparatorReason).toMatch(/below the baseline \(20\).*maximum/);
  });

  it('reads a target above its baseline as a minimum', () => {
    const { target } = parseBaselineAndTarget('80%', '90%', complaints);
    expect(target).toMatchObject({ comparator: '>=', value: 90, unit: 'percent' });
    expect(target.comparatorReason).toMatch(/above the baseline \(80\).*minimum/);
  });

  it('lets an operator written in the target cell win over the baseline', () => {
    const { target } = parseBaselineAndTarget('80%', '≤ 90%', noMeaning);
    expect(target).toMatchObject({ comparator: '<=', value: 90 });
    expect(target.comparatorReason).toMatch(/says "≤"/);
  });

  it('keeps the inference when the baseline is missing, equal or of another unit', () => {
    expect(parseBaselineAndTarget('', '95%', availability)).toMatchObject({ baseline: null, target: { comparator: '>=', value: 95 } });
    expect(parseBaselineAndTarget('95%', '95%', complaints).target.comparatorReason).toMatch(/complaints/);
    expect(parseBaselineAndTarget('3 giorni', '95%', availability).target.comparatorReason).toMatch(/available/);
  });
});

describe('overrideComparator', () => {
  it('replaces the comparator and records the user reason as an override', () => {
    const target = overrideComparator(parseTarget('7 giorni', minimumDisruption), '>=', 'the OIV wants at least seven days of notice');
    expect(target).toMatchObject({
      comparator: '>=',
      value: 7,
      unit: 'days',
      comparatorReason: 'the OIV wants at least seven days of notice',
      comparatorSource: 'override',
    });
  });

  it('never stores an empty reason', () => {
    const target = overrideComparator(parseTarget('95%', availability), '=', '  ');
    expect(target.comparatorReason).toMatch(/set by hand to "="/);
  });
});

describe('indicator wording', () => {
  it.each<[string | null, boolean]>([
    ['Numero giornate di accessibilità al web /Numero giorni anno solare', true],
    ['Pagine aggiornate/Pagine di riferimento pubblicate', true],
    ['N. Informazioni presenti sul web sulle modalità di contatto / N. informazioni necessarie per accedere al servizio', true],
    ['Rapporto tra richieste soddisfatte e il totale delle richieste', true],
    ["Numero di giorni necessari per l'aggiornamento del sito web", false],
    ['Numero di giorni/anno di interruzione', false],
    ['Richieste evase e/o inoltrate', false],
    ['Servizio attivo 24/7', false],
    [null, false],
  ])('isRatioFormula(%j) is %s', (formula, expected) => {
    expect(isRatioFormula(formula)).toBe(expected);
  });

  it.each<[string | null, boolean]>([
    ["Numero di giorni necessari per l'aggiornamento del sito web", true],
    ["N. giorni necessari per l'aggiornamento del sito web.", true],
    ['Tempo necessario per ricevere le credenziali di accreditamento', true],
    ["Numero massimo di giorni dell'anno di disagio", true],
    ['Numero di informazioni fornite entro il tempo previsto/Numero delle richieste effettuate', false],
    ['Numero giornate di accessibilità al web /Numero giorni anno solare', false],
    [null, false],
  ])('isDurationFormula(%j) is %s', (formula, expected) => {
    expect(isDurationFormula(formula)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ["Numero minimo di giorni dell'anno di disagio dell'utenza", true],
    ['Tempo minimo di attesa', true],
    ["Numero massimo di giorni dell'anno di disagio dell'utenza", false],
    ['Numero minimo di interventi attuati', false],
  ])('speaksOfMinimumCost(%j) is %s', (text, expected) => {
    expect(speaksOfMinimumCost(text)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['tempo reale', true],
    ['<b>immediato</b>', true],
    ['95%', false],
    ['', false],
  ])('isQualitativeTarget(%j) is %s', (text, expected) => {
    expect(isQualitativeTarget(text)).toBe(expected);
  });
});
