import { describe, expect, it } from 'vitest';
import { readCardText } from './card-text.importer.ts';

/** A charter's page as a text copy gives it: each table row's cells run together, no header, no values. */
const PAGE = [
  'Service charter',
  '',
  'Every service section gives the quality dimensions below:',
  '',
  'AccessibilityOpening hours of the front office',
  'TimelinessMaximum time for answering an email',
  'Average time for issuing a certificate',
  'TransparencyPublication of the contacts',
  'EffectivenessUser satisfaction measured every year',
  'Accessibility for visitors with disabilitiesthe access to every building for visitors with disabilities',
  '',
  'Complaints:',
  'Methods of complaintChannels for complaints',
].join('\n');

describe('reading a list of dimensions and indicators with no table header (a charter page in English)', () => {
  it('reads each line opening with a dimension as a row, the lines under it as its further indicators, English names mapped to the CIVIT dimensions', () => {
    const { card } = readCardText(PAGE, { file: 'pages/charter.txt' });
    expect(card.indicators.map((i) => [i.dimension, i.dimensionKey, i.additional, i.description])).toEqual([
      ['Accessibility', 'accessibilita', false, 'Opening hours of the front office'],
      ['Timeliness', 'tempestivita', false, 'Maximum time for answering an email'],
      ['Timeliness', 'tempestivita', false, 'Average time for issuing a certificate'],
      ['Transparency', 'trasparenza', false, 'Publication of the contacts'],
      ['Effectiveness', 'efficacia', false, 'User satisfaction measured every year'],
      ['Accessibility for visitors with disabilities', 'accessibility-for-visitors-with-disabilities', true, 'the access to every building for visitors with disabilities'],
    ]);
  });

  it('flags every target missing, names the card after its file, and leaves out the text after the list, each as a doubt', () => {
    const { card, doubts } = readCardText(PAGE, { file: 'pages/charter.txt' });
    expect(card.indicators.every((i) => i.target.text === '' && i.target.value === null)).toBe(true);
    expect(doubts.filter((d) => d.message === 'no valore programmato in this row').map((d) => d.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(card.service.name).toBe('charter');
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'missing-service-name', severity: 'warning', field: 'name' }));
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-line', line: 12, message: 'the text after the list of dimensions (lines 12 to 13) is not part of the card: not imported' }));
  });

  it('does not read prose naming fewer than three of the four core dimensions at the start of its lines', () => {
    const prose = ['AccessibilityOpening hours of the front office', 'TimelinessMaximum time for answering an email', 'Other words'].join('\n');
    expect(() => readCardText(prose, { file: 'x.txt' })).toThrow(/not a standard card: no indicator table/);
  });

  it('under a header run together the same way ("DimensioniIndicatoriValore") reads each line\'s value where it runs into the indicator, and flags a page cut after the list', () => {
    const page = [
      'Indicatori e standard di qualità',
      '',
      'DimensioniIndicatoriValore',
      'AccessibilitàCanali disponibili per l’accesso al servizioAccesso fisico Telefono E-mail',
      'TempestivitàTempo massimo di risposta alle richieste via e-mail, relativamente alla presa in carico6 giorni lavorativi',
      ' Tempo medio di erogazione del servizioLe prestazioni vengono erogate tempestivamente',
      'TrasparenzaModalità di pubblicazione delle informazioni utiliPubblicazione tempestiva sul sito web',
      'EfficaciaSoddisfazione degli utenti (scala 1/6)3,97',
      '',
      'Le pagine web dedicate al servizio hanno un livell',
    ].join('\n');
    const { card, doubts } = readCardText(page, { file: 'diritto-allo-studio.txt' });
    expect(card.indicators.map((i) => [i.dimension, i.description, i.target.text])).toEqual([
      ['Accessibilità', 'Canali disponibili per l’accesso al servizio', 'Accesso fisico Telefono E-mail'],
      ['Tempestività', 'Tempo massimo di risposta alle richieste via e-mail, relativamente alla presa in carico', '6 giorni lavorativi'],
      ['Tempestività', 'Tempo medio di erogazione del servizio', 'Le prestazioni vengono erogate tempestivamente'],
      ['Trasparenza', 'Modalità di pubblicazione delle informazioni utili', 'Pubblicazione tempestiva sul sito web'],
      ['Efficacia', 'Soddisfazione degli utenti (scala 1/6)', '3,97'],
    ]);
    expect(card.indicators[1]?.target).toMatchObject({ comparator: '<=', value: 6, unit: 'working-days' });
    expect(doubts).toContainEqual(expect.objectContaining({ code: 'truncated-text', message: expect.stringContaining('"livell"') }));
  });

  it('reads no values without that header: a line with a capital letter inside its indicator keeps it whole', () => {
    const { card } = readCardText(PAGE, { file: 'pages/charter.txt' });
    expect(card.indicators.every((i) => i.target.text === '')).toBe(true);
  });
});
