import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { readCardText } from './card-text.importer.ts';

const SEEDS = new URL('../../seeds/', import.meta.url);
const readSeed = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');
const S0 = '000_c79bcda3436e61a9.txt';
const S2 = '002_36860386eee61ce2.txt';

/** The seed with each table row's cells run together on one line, as text copied from a PDF gives it. */
function flatten(text: string): string {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.startsWith('Dimensioni\t'));
  return lines.map((line, index) => (index >= header && line.includes('\t') ? line.split('\t').filter((c) => c !== '').join(' ') : line)).join('\n');
}

const cellsOf = (card: ImportedCard) => card.card.indicators.map((i) => ({ dimension: i.dimension, subdimension: i.subdimension, description: i.description, formula: i.formula, target: i.target.text, additional: i.additional }));

describe('reading a card whose table cells were run together', () => {
  it.each([S0, S2])('reads the flattened rows of %s as the same indicators as its table', (name) => {
    const table = readCardText(readSeed(name), { file: name });
    const flat = readCardText(flatten(readSeed(name)), { file: 'flat.txt' });
    expect(cellsOf(flat)).toEqual(cellsOf(table));
    expect(flat.card.service).toEqual(table.card.service);
    expect(flat.card.notes).toEqual(table.card.notes);
  });

  it('says the cells were told apart by their words, with the line of the header, and each formula split as a doubt', () => {
    const flat = readCardText(flatten(readSeed(S2)), { file: 'flat.txt' });
    expect(flat.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-cell', severity: 'warning', line: 17, message: expect.stringMatching(/cells are run together/) }));
    expect(flat.doubts).toContainEqual(expect.objectContaining({ field: 'formula', line: 19, message: expect.stringContaining('formula read as "Numero di informazioni fornite entro il tempo previsto/Numero delle richieste effettuate"') }));
  });

  it('reads pdftotext output with one word per line: the fields at their labels, the rows at their targets', () => {
    const table = readCardText(readSeed(S2), { file: S2 });
    const words = readCardText(readSeed(S2).split(/\s+/).join('\n'), { file: 'words.txt' });
    expect(cellsOf(words)).toEqual(cellsOf(table));
    expect(words.card.service.name).toBe('Reti sociali virtuali e Blog di Cliclavoro');
    expect(words.card.service.diffidaBody.text).toBe(table.card.service.diffidaBody.text);
    expect(words.card.year).toBe(2016);
  });

  it('infers the dimension of a row that names only its sub-dimension, as a doubt', () => {
    const text = [
      'Denominazione del servizio\tSportello anagrafe',
      'ANNO 2024',
      '',
      'Dimensioni Sottodimensioni Descrizione indicatore Formula indicatore Valore programmato',
      'fisica Apertura dello sportello Numero di ore di apertura settimanali 20 ore',
      'Tempestività Rilascio dei certificati Numero di giorni tra richiesta e rilascio 3 giorni',
    ].join('\n');
    const { card, doubts } = readCardText(text, { file: 'x.txt' });
    expect(cellsOf({ card } as ImportedCard)).toEqual([
      { dimension: 'Accessibilità', subdimension: 'fisica', description: 'Apertura dello sportello', formula: 'Numero di ore di apertura settimanali', target: '20 ore', additional: false },
      { dimension: 'Tempestività', subdimension: null, description: 'Rilascio dei certificati', formula: 'Numero di giorni tra richiesta e rilascio', target: '3 giorni', additional: false },
    ]);
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-dimension', severity: 'warning', line: 5, field: 'dimension', message: 'dimension "Accessibilità" inferred from the sub-dimension "fisica"' }));
  });

  it('reads the service fields written after the table', () => {
    const text = [
      'COMUNE DI ESEMPIO',
      'ANNO 2024',
      '',
      'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato',
      'Accessibilità\tfisica\tApertura dello sportello\tOre di apertura settimanali\t20 ore',
      '',
      'Denominazione del servizio\tSportello anagrafe',
      'Modalità di erogazione\tAllo sportello',
      'Organo cui notificare la preventiva diffida del ricorrente\tIl Segretario generale',
      '',
      '(*) Dimensioni aggiuntive',
    ].join('\n');
    const { card, organisation, doubts } = readCardText(text, { file: 'x.txt' });
    expect(organisation?.name).toBe('COMUNE DI ESEMPIO');
    expect(card.service.name).toBe('Sportello anagrafe');
    expect(card.service.diffidaBody.text).toBe('Il Segretario generale');
    expect(card.notes).toEqual(['(*) Dimensioni aggiuntive']);
    expect(card.indicators).toHaveLength(1);
    expect(doubts).toContainEqual(expect.objectContaining({ line: 7, message: 'the service fields follow the table: read from there' }));
  });

  describe('a PDF text layer with rows run together (Symbol-font ³/£ for ≥/≤, the service fields after the table)', () => {
    const text = [
      'DIMENSIONI SOTTODIMENSIONI DESCRIZIONE',
      'INDICATORE FORMULA INDICATORE VALORE PROGRAMMATO',
      'Accessibilità',
      'Accessibilità Fisica Apertura dello Sportello',
      'N° ore apertura al pubblico/settimana ³20h',
      'Accessibilità Multicanale Evasione pratiche Pratiche evase via web/totale pratiche ³40%',
      'Tempestività',
      'Attesa agli sportelli Minuti X N° utenti in coda £30 min Risposta via e-mail',
      'Tempo massimo dalla richiesta',
      '£48h',
      'Trasparenza',
      'Pubblicazione sul portale Uniprova degli orari Quantità orari/orari totali ³50%',
      'Denominazione Servizio: SPORTELLO DI PROVA',
      'Ubicazione: Uniprova, piazza Grande',
    ].join('\n');
    const read = () => readCardText(text, { file: 'flat.txt' });

    it('reads "Accessibilità Multicanale" under a continuing Accessibilità as the sub-dimension written in full', () => {
      expect(cellsOf(read())[1]).toMatchObject({ dimension: 'Accessibilità', subdimension: 'Accessibilità Multicanale', description: 'Evasione pratiche' });
    });

    it('starts the next row on the same line after a target written with its comparator', () => {
      expect(cellsOf(read()).slice(2, 4)).toEqual([
        { dimension: 'Tempestività', subdimension: null, description: 'Attesa agli sportelli', formula: 'Minuti X N° utenti in coda', target: '£30 min', additional: false },
        { dimension: 'Tempestività', subdimension: null, description: 'Risposta via e-mail', formula: 'Tempo massimo dalla richiesta', target: '£48h', additional: false },
      ]);
    });

    it('splits description and formula at a capitalised word after a word of the description, not after a preposition nor at a name the document always capitalises', () => {
      const cells = cellsOf(read());
      expect(cells[0]).toMatchObject({ description: 'Apertura dello Sportello', formula: 'N° ore apertura al pubblico/settimana' });
      expect(cells[1]).toMatchObject({ formula: 'Pratiche evase via web/totale pratiche' });
      expect(cells[4]).toMatchObject({ description: 'Pubblicazione sul portale Uniprova degli orari', formula: 'Quantità orari/orari totali', target: '³50%' });
    });

    it('reads the service name from "Denominazione Servizio:" (no "del") after the table, and a "Label: value" line of no card field as no part of it', () => {
      const { card, doubts } = read();
      expect(card.service.name).toBe('SPORTELLO DI PROVA');
      expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-line', severity: 'warning', message: '"Ubicazione" is not a card field: the line is not imported' }));
    });
  });

  describe('text cut short', () => {
    const table = [
      'DIMENSIONI SOTTODIMENSIONI DESCRIZIONE INDICATORE FORMULA INDICATORE VALORE PROGRAMMATO',
      'Accessibilità',
      'Accessibilità Fisica Apertura dello Sportello N° ore apertura al pubblico/settimana ³20h',
      'Tempestività',
      'Rilascio certificati Tempo massimo dalla richiesta £5 gg',
      'Trasparenza',
      'Aggiornamento informazioni web Tempistica aggiornamento',
    ];

    it('leaves out the row the text stops in before its valore programmato, flags it truncated, and names a card that names no service after its file', () => {
      const { card, doubts } = readCardText([...table, 'inform'].join('\n'), { file: 'docs/cut.txt' });
      expect(card.indicators.map((i) => i.description)).toEqual(['Apertura dello Sportello', 'Rilascio certificati']);
      expect(card.service.name).toBe('cut');
      expect(doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row', severity: 'warning', line: 6, message: expect.stringContaining('"…Aggiornamento informazioni web Tempistica aggiornamento inform"') }));
      expect(doubts).toContainEqual(expect.objectContaining({ code: 'missing-service-name', severity: 'warning', field: 'name', message: expect.stringContaining('the card is named "cut" after the file') }));
    });

    it('refuses text cut inside the first row of its table with a truncated-document error saying where', () => {
      const text = ['Denominazione del servizio: Sportello', ...table.slice(0, 2), 'Accessibilità Fisica Apertura dello Sportello N° ore apertura al'].join('\n');
      expect(() => readCardText(text, { file: 'cut.txt' })).toThrow(expect.objectContaining({ code: 'truncated-document', message: expect.stringMatching(/^cut\.txt:4: the document is cut short inside the first row of its indicator table \(it ends at "…dello Sportello N° ore apertura al", before the row's valore programmato\): no indicator is whole/) }));
    });

    it('flags text that ends in the middle of a word after the table, and not text that ends on a whole word', () => {
      const whole = [...table.slice(0, 5), 'Denominazione Servizio: SPORTELLO DI PROVA', 'Ubicazione: Piazza Grande'];
      expect(readCardText(whole.join('\n'), { file: 'x.txt' }).doubts.filter((d) => d.code.includes('truncat'))).toEqual([]);
      const { doubts } = readCardText([...whole, 'Bisogni percepiti che il servizio intend'].join('\n'), { file: 'x.txt' });
      expect(doubts).toContainEqual(expect.objectContaining({ code: 'truncated-text', severity: 'warning', line: 8, message: expect.stringContaining('("intend")') }));
    });

    it('still refuses a whole tab-separated table that names no service', () => {
      expect(() => readCardText('Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato\nAccessibilità\tFisica\tA\tF\t95%', { file: 'x.txt' })).toThrow(/no service name/);
    });
  });

  describe('a service sheet of the CIVIT model whose PDF text kept the labels but lost the values and most dimension cells', () => {
    const sheet = [
      'Denominazione del servizio Principali caratteristiche del servizio Modalità di erogazione',
      'Tipologia di utenza del servizio Organo cui notificare la preventiva diffida del ricorrente',
      'Dimensioni Descrizione indicatore Formula indicatore Valore programmato',
      '(&) Note',
      'Accesso allo sportello dell\'ufficio Numero giornate lavorative con apertura sportello/Numero totale',
      'giornate lavorative 90%',
      'Tempestività',
      'Tempo massimo di erogazione (indicare il numero di giorni): gg. 30',
      'Numero di prestazioni effettuate entro il tempo previsto/Numero totale delle richieste 95%',
      'Pubblicazione su sito web del responsabile Numero giorni necessari per l\'aggiornamento 3 Indicazioni sulla modulistica',
      'Numero giorni necessari per l\'aggiornamento 5',
      'Pubblicazione delle spese a carico dell\'utente Numero giorni necessari per l\'aggiornamento del tariffario',
      'Regolarità della prestazione erogata Numero dei reclami non accolti/Numero pratiche',
      'evase 2%',
      'Esaustività della prestazione erogata Numero totale dei p',
    ].join('\n');
    const read = readCardText(sheet, { file: 'sheet.txt' });
    const rows = read.card.indicators.map((i) => [i.dimensionKey, i.description, i.formula, i.target.text]);

    it('of a document cut short, reads "Valore programmato (&)" as the target column, the footnote mark with it, and the rows above the first dimension as stating none', () => {
      expect(rows[0]).toEqual(['non-indicata', 'Accesso allo sportello dell\'ufficio', 'Numero giornate lavorative con apertura sportello/Numero totale giornate lavorative', '90%']);
    });

    it('keeps a filled-in blank ("gg. 30") in the description, and ends a row at a bare number once its formula has begun', () => {
      expect(rows[1]).toEqual(['tempestivita', 'Tempo massimo di erogazione (indicare il numero di giorni): gg. 30', 'Numero di prestazioni effettuate entro il tempo previsto/Numero totale delle richieste', '95%']);
      expect(rows[2]).toEqual(['tempestivita', 'Pubblicazione su sito web del responsabile', 'Numero giorni necessari per l\'aggiornamento', '3']);
      expect(rows[3]).toEqual(['tempestivita', 'Indicazioni sulla modulistica', 'Numero giorni necessari per l\'aggiornamento', '5']);
    });

    it('ends a row with no target where a line opens a description and formula of its own', () => {
      expect(rows[4]).toEqual(['tempestivita', 'Pubblicazione delle spese a carico dell\'utente', 'Numero giorni necessari per l\'aggiornamento del tariffario', '']);
      expect(rows[5]).toEqual(['tempestivita', 'Regolarità della prestazione erogata', 'Numero dei reclami non accolti/Numero pratiche evase', '2%']);
      expect(rows).toHaveLength(6);
    });

    it('takes no line of field labels for the service name, and flags the cut last row', () => {
      expect(read.card.service.name).not.toMatch(/Tipologia di utenza/);
      expect(read.doubts).toContainEqual(expect.objectContaining({ code: 'missing-service-name' }));
      expect(read.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row' }));
    });
  });
});
