import { describe, expect, it } from 'vitest';
import type { Indicator, StandardCard } from './card.ts';
import { lintCard } from './card-lint.ts';
import { classifyDimension } from './dimension.ts';
import { overrideComparator, parseTarget } from './target-parse.ts';

interface Row {
  dimension: string;
  subdimension?: string | null;
  description?: string | null;
  formula?: string | null;
  target: string;
}

/** An indicator as the importer would build it from one card row. */
function indicator(row: Row, position = 1): Indicator {
  const info = classifyDimension(row.dimension);
  const meaning = { dimension: info.label, subdimension: row.subdimension ?? null, description: row.description ?? null, formula: row.formula ?? null };
  return {
    position,
    slug: `indicator-${position}`,
    dimensionKey: info.key,
    ...meaning,
    target: parseTarget(row.target, meaning),
    notes: null,
    additional: info.additional,
    source: { file: 'card.txt', line: 10 + position },
  };
}

function card(rows: Row[], overrides: Partial<StandardCard> = {}): StandardCard {
  return {
    year: 2021,
    service: {
      slug: 'servizi-lavoro',
      name: 'Servizi Lavoro',
      office: null,
      characteristics: { text: '', links: [] },
      deliveryMode: { text: 'online', links: [] },
      userTypes: { text: 'Cittadini', links: [] },
      diffidaBody: { text: 'Direttore Generale dei sistemi informativi', links: [] },
      webAddress: null,
      channels: [],
      staff: null,
    },
    indicators: rows.map((row, index) => indicator(row, index + 1)),
    notes: [],
    ruleText: null,
    source: { file: 'card.txt' },
    ...overrides,
  };
}

// Rows taken from the seed cards.
const availability: Row = {
  dimension: 'Accessibilità',
  subdimension: 'Multicanale',
  description: 'Accesso on line dal portale servizi lavoro',
  formula: 'Numero giornate di accessibilità al web /Numero giorni anno solare',
  target: '95%',
};
const minimumDisruption: Row = {
  dimension: 'Continuità (*)',
  subdimension: "Erogazione del servizio in modo continuo, regolare e senza interruzioni, con l'approntamento di misure volte a limitare al massimo il disagio",
  description: null,
  formula: "Numero minimo di giorni dell'anno di disagio dell'utenza esterna nei casi di interruzione del servizio",
  target: '7 giorni',
};
const maximumDisruption: Row = { ...minimumDisruption, formula: minimumDisruption.formula!.replace('minimo', 'massimo') };
const contactProcedures: Row = {
  dimension: 'Trasparenza',
  subdimension: 'Procedure di contatto',
  description: 'Pubblicazione sul sito web delle informazioni riguardanti le modalità di contatto',
  formula: 'N. Informazioni presenti sul web sulle modalità di contatto / N. informazioni necessarie per accedere al servizio',
  target: '5 giorni',
};
const daysNeeded: Row = {
  dimension: 'Trasparenza',
  subdimension: 'Responsabili',
  description: 'Pubblicazione sul sito web delle informazioni riguardanti il Responsabile del servizio',
  formula: "Numero di giorni necessari per l'aggiornamento del sito web",
  target: '3 giorni',
};
const typoMaximum: Row = {
  dimension: 'Tempestività',
  subdimension: 'Tempestività diffusione informazioni e contenuti',
  description: 'Tempo masimo entro il quale mettere a disposizione un nuovo contenuto',
  formula: 'Numero dei nuovi contenuti inseriti nel sito entro 5 giorni lavorativi/Numero totale delle nuove richieste',
  target: '100%',
};
const typoCompleteness: Row = {
  dimension: 'Efficacia',
  subdimension: 'Compiutezza',
  description: 'Esautività della prestazione erogata',
  formula: 'Numero di segnalazioni ricevute/numero di segnalazioni totali',
  target: '1%',
};
const realTime: Row = {
  dimension: 'Tempestività',
  subdimension: 'Tempestività di acquisizione della comunicazione',
  description: 'Ricezione della comunicazione',
  formula: "Tempo intercorrente tra l'invio della comunicazione e la sua registrazione",
  target: 'tempo reale',
};

function codesOf(rows: Row[], overrides: Partial<StandardCard> = {}): string[] {
  return lintCard(card(rows, overrides)).map((f) => f.code);
}

describe('lintCard', () => {
  it.each<[string, string, Row[], boolean]>([
    ['minimum-wording-maximum-target', 'fires on "Numero minimo di giorni … di disagio" with a days target', [minimumDisruption], true],
    ['minimum-wording-maximum-target', 'stays quiet on "Numero massimo di giorni … di disagio"', [maximumDisruption], false],
    ['minimum-wording-maximum-target', 'stays quiet when the target explicitly asks for at least the days', [{ ...minimumDisruption, target: 'almeno 7 giorni' }], false],
    ['unit-mismatch', 'fires on a ratio formula with a target in days', [contactProcedures], true],
    ['unit-mismatch', 'fires on a ratio formula with a target in hours', [{ ...contactProcedures, target: 'entro 2 ore' }], true],
    ['unit-mismatch', 'fires on a formula about days with a percent target', [{ ...daysNeeded, target: '95%' }], true],
    ['unit-mismatch', 'fires on a "Tempo …" formula with a percent target', [{ ...realTime, target: '90%' }], true],
    ['unit-mismatch', 'stays quiet on a ratio formula with a percent target', [availability], false],
    ['unit-mismatch', 'stays quiet on a formula about days with a days target', [daysNeeded], false],
    ['spelling', 'fires on "masimo" in the description', [typoMaximum], true],
    ['spelling', 'fires on "Esautività" in the description', [typoCompleteness], true],
    ['spelling', 'fires on a slip in the sub-dimension', [{ ...availability, subdimension: 'Masima accessibilità' }], true],
    ['spelling', 'stays quiet on correct words', [availability, daysNeeded], false],
    ['missing-target', 'fires on an empty valore programmato', [{ ...availability, target: ' ' }], true],
    ['missing-target', 'stays quiet on a stated target', [availability], false],
    ['unparseable-target', 'fires on a target with two numbers', [{ ...availability, target: '95% / 3 giorni' }], true],
    ['unparseable-target', 'stays quiet on an empty target (missing-target reports it)', [{ ...availability, target: '' }], false],
    ['unparseable-target', 'stays quiet on a qualitative target', [realTime], false],
    ['qualitative-target', 'fires on "tempo reale"', [realTime], true],
    ['qualitative-target', 'stays quiet on a number', [availability], false],
    ['duplicate-indicator', 'fires on the same row twice, whatever the spacing and case', [availability, { ...availability, formula: 'numero giornate di accessibilità  al web / Numero giorni anno solare.' }], true],
    ['duplicate-indicator', 'stays quiet when only the sub-dimension differs', [daysNeeded, { ...daysNeeded, subdimension: 'Procedure di contatto' }], false],
    ['missing-formula', 'fires on an empty formula', [{ ...availability, formula: null }], true],
    ['missing-formula', 'fires on a formula of markup only', [{ ...availability, formula: '<i></i>' }], true],
    ['missing-formula', 'stays quiet on a formula', [availability], false],
    ['missing-description', 'fires on a core dimension without a description', [{ ...availability, description: null }], true],
    ['missing-description', 'fires on an additional dimension with neither description nor definition', [{ ...minimumDisruption, subdimension: null }], true],
    ['missing-description', 'stays quiet on an additional dimension defined in the sub-dimension column', [maximumDisruption], false],
    ['missing-description', 'stays quiet on a described indicator', [availability], false],
  ])('%s %s', (code, _case, rows, fires) => {
    expect(codesOf(rows).includes(code)).toBe(fires);
  });

  const withoutDiffidaBody = (c: StandardCard): StandardCard => ({ ...c, service: { ...c.service, diffidaBody: { text: ' ', links: [] } } });
  it.each<[string, string, (c: StandardCard) => StandardCard, boolean]>([
    ['unknown-year', 'fires when the card has no year', (c) => ({ ...c, year: null }), true],
    ['unknown-year', 'stays quiet when the card has a year', (c) => c, false],
    ['missing-diffida-body', 'fires when no organo for the diffida is named', withoutDiffidaBody, true],
    ['missing-diffida-body', 'stays quiet when the organo is named', (c) => c, false],
  ])('%s %s', (code, _case, change, fires) => {
    expect(lintCard(change(card([availability]))).map((f) => f.code).includes(code)).toBe(fires);
  });

  it('says once that a card with indicators but no values has every target missing, and flags each row', () => {
    const english = [
      { dimension: 'Accessibility', description: 'Channels available for accessing the service', target: '' },
      { dimension: 'Timeliness', description: 'Maximum time for responding to requests by email', target: '' },
    ];
    const findings = lintCard(card(english));
    expect(findings.filter((f) => f.code === 'no-targets')).toEqual([
      expect.objectContaining({ severity: 'warning', line: null, field: 'target', message: expect.stringMatching(/lists 2 indicators but states no valore programmato/) as string }),
    ]);
    expect(findings.filter((f) => f.code === 'missing-target').map((f) => f.line)).toEqual([11, 12]);
    expect(lintCard(card([...english, availability])).map((f) => f.code)).not.toContain('no-targets');
  });

  it('says where each finding is: the file, the indicator row and the field', () => {
    const findings = lintCard(card([availability, minimumDisruption, contactProcedures, typoMaximum]));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'minimum-wording-maximum-target', severity: 'warning', file: 'card.txt', line: 12, field: 'formula' }),
        expect.objectContaining({ code: 'unit-mismatch', severity: 'error', file: 'card.txt', line: 13, field: 'target' }),
        expect.objectContaining({ code: 'spelling', severity: 'warning', file: 'card.txt', line: 14, field: 'description' }),
      ]),
    );
  });

  it('names the indicator in plain words in each message', () => {
    const [spelling] = lintCard(card([typoMaximum])).filter((f) => f.code === 'spelling');
    expect(spelling?.message).toBe(
      'Indicator 1 (Tempestività: "Tempo masimo entro il quale mettere a disposizione un nuovo…"): "masimo" in the description should read "massimo".',
    );
    const [duplicate] = lintCard(card([availability, availability])).filter((f) => f.code === 'duplicate-indicator');
    expect(duplicate).toMatchObject({ line: 12, message: expect.stringContaining('repeats indicator 1 (line 11)') as string });
  });

  it('says a row whose document states no dimension must be given one, an error on the dimension field', () => {
    const findings = lintCard(card([{ ...availability, dimension: 'Non indicata' }, availability, { ...daysNeeded, dimension: 'Dimensione non indicata' }]));
    expect(findings.filter((f) => f.code === 'unstated-dimension')).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 11,
        field: 'dimension',
        message:
          'Indicator 1 ("Accesso on line dal portale servizi lavoro") has no dimension: the document states none; choose one (Accessibilità, Tempestività, Trasparenza, Efficacia, or a dimension of the card\'s own).',
      }),
      expect.objectContaining({ line: 13, message: expect.stringMatching(/^Indicator 3 \("/) as string }),
    ]);
  });

  it('reports card-level findings without a line', () => {
    const [year] = lintCard(card([availability], { year: null })).filter((f) => f.code === 'unknown-year');
    expect(year).toMatchObject({ severity: 'warning', line: null, field: 'year', file: 'card.txt' });
  });

  it('flags the "minimo" wording even after the comparator is confirmed by hand as a maximum', () => {
    const base = card([minimumDisruption]);
    const confirmed = { ...base, indicators: base.indicators.map((i) => ({ ...i, target: overrideComparator(i.target, '<=', 'days of disruption are a cost') })) };
    expect(lintCard(confirmed).map((f) => f.code)).toContain('minimum-wording-maximum-target');
  });

  it('finds nothing in a clean card', () => {
    expect(lintCard(card([availability, daysNeeded, maximumDisruption]))).toEqual([]);
  });
});

describe('lintCard on a card of many rows', () => {
  it('finds each repeated indicator once, naming the first of its kind, as it does on a small card', () => {
    const rows: Row[] = Array.from({ length: 6_000 }, (_, index) => ({
      dimension: 'Tempestività',
      description: `Indicatore ${index % 3_000}`,
      formula: `Giorni tra richiesta e risposta ${index % 3_000}`,
      target: '30 giorni',
    }));
    const big = card([]);
    const duplicates = lintCard({ ...big, indicators: rows.map((row, index) => indicator(row, index + 1)) }).filter((finding) => finding.code === 'duplicate-indicator');
    expect(duplicates).toHaveLength(3_000);
    expect(duplicates[0]?.message).toMatch(/^Indicator 3001 \(.*\) repeats indicator 1 \(line 11\)/);
    expect(duplicates.at(-1)?.message).toMatch(/^Indicator 6000 \(.*\) repeats indicator 3000 \(line 3010\)/);
  });
});
