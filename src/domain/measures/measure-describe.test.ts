import { describe, expect, it } from 'vitest';
import { describeMeasure } from './measure-describe.ts';
import type { Measure } from './measure.ts';

const cases: [string, Measure, string, string][] = [
  [
    'availability by share of checks',
    { kind: 'availability-days', checks: { kind: 'check.http' }, dayIsAvailableWhen: { successShareAtLeast: 95 }, daysWithoutData: 'unavailable' },
    "Giorni in cui è riuscito almeno il 95% dei controlli «check.http», diviso i giorni dell'anno solare. Un giorno senza controlli conta come non disponibile.",
    'Days on which at least 95% of the "check.http" checks succeeded, divided by the days of the calendar year. A day without checks counts as unavailable.',
  ],
  [
    'availability by longest outage within service hours',
    {
      kind: 'availability-days',
      checks: { kind: 'check.phone' },
      dayIsAvailableWhen: { longestOutageAtMost: { value: 1, unit: 'hours' } },
      withinServiceHoursOf: 'phone',
      daysWithoutData: 'excluded',
    },
    "Giorni in cui nessuna interruzione rilevata dai controlli «check.phone» è durata più di 1 ora, diviso i giorni dell'anno solare, contando solo i controlli «check.phone» nell'orario di servizio del canale «phone» e solo i giorni in cui il servizio è aperto. Un giorno senza controlli non viene contato.",
    'Days on which no outage seen by the "check.phone" checks lasted more than 1 hour, divided by the days of the calendar year, counting only checks within the service hours of channel "phone" and only the days the service is open. A day without checks is left out.',
  ],
  [
    'a ratio with a wait limit',
    {
      kind: 'ratio',
      total: { kind: 'call.answered', source: 'contact-centre' },
      good: [{ attribute: 'outcome', op: '=', value: 'ok' }],
      withinServiceHoursOf: 'phone',
      waitAttribute: 'waitSeconds',
      waitLimit: { value: 5, unit: 'minutes' },
    },
    "Eventi «call.answered» inviati da «contact-centre» in cui «outcome» è \"ok\" e l'attesa («waitSeconds», in secondi) è entro 5 minuti, diviso tutti gli eventi «call.answered» inviati da «contact-centre», contando solo quelli nell'orario di servizio del canale «phone».",
    'Events "call.answered" from "contact-centre" where "outcome" is "ok" and the wait ("waitSeconds", in seconds) is within 5 minutes, divided by all events "call.answered" from "contact-centre", counting only those within the service hours of channel "phone".',
  ],
  [
    'a register',
    { kind: 'register', register: 'interventi', good: [{ attribute: 'status', op: 'in', value: ['done', 'verified'] }] },
    'Voci del registro «interventi» in cui «status» è uno tra "done", "verified", diviso tutte le voci del registro; di ogni voce conta l\'ultima versione.',
    'Entries of the register "interventi" where "status" is one of "done", "verified", divided by all its entries; each entry counts in its latest version.',
  ],
  [
    'a share of cases within working days',
    { kind: 'duration', start: { kind: 'request.received' }, end: { kind: 'request.published' }, unit: 'working-days', statistic: 'share-within', within: { value: 5, unit: 'working-days' } },
    "Casi conclusi entro 5 giorni lavorativi, diviso tutti i casi conclusi; il tempo va dall'evento «request.received» all'evento «request.published» dello stesso caso, contato in giorni lavorativi (esclusi i giorni non lavorativi e le festività; il giorno di partenza non si conta).",
    'Cases completed within 5 working days, divided by all cases completed; the time runs from the "request.received" event to the "request.published" event of the same case, counted in working days (days off and public holidays excluded; the starting day is not counted).',
  ],
  [
    'a maximum in service hours',
    { kind: 'duration', start: { kind: 'ticket.opened' }, end: { kind: 'ticket.answered' }, unit: 'service-hours', serviceHoursOf: 'email', statistic: 'max' },
    "Tempo più lungo impiegato da un caso concluso; il tempo va dall'evento «ticket.opened» all'evento «ticket.answered» dello stesso caso, contato in ore dell'orario di servizio del canale «email».",
    'The longest time taken by a completed case; the time runs from the "ticket.opened" event to the "ticket.answered" event of the same case, counted in hours within the service hours of channel "email".',
  ],
  [
    'a count of working days',
    { kind: 'count', select: { kind: 'disruption', where: [{ attribute: 'external', op: '=', value: true }] }, count: 'working-days' },
    'Numero di giorni lavorativi con almeno un evento «disruption» (con «external» è sì) nel periodo.',
    'Number of working days with at least one "disruption" (with "external" is yes) event in the period.',
  ],
  [
    'a snapshot read by an interpretation',
    { kind: 'snapshot', select: { kind: 'survey.result' }, interpretation: { comparator: '>=', value: 3.5, unit: 'count', text: 'soddisfazione almeno buona' } },
    'Ultimo valore («value») registrato con gli eventi «survey.result» nel periodo, con chi lo ha registrato e la prova. Il valore programmato qualitativo è letto come ≥ 3,5: soddisfazione almeno buona.',
    'The latest value ("value") recorded with "survey.result" events in the period, with who recorded it and the evidence. The qualitative target is read as ≥ 3.5 ("soddisfazione almeno buona").',
  ],
  [
    'freshness',
    { kind: 'freshness', observations: { kind: 'social.observed' }, maxAge: { value: 7, unit: 'days' } },
    "Elementi osservati aggiornati da non più di 7 giorni, diviso tutti gli elementi osservati; ogni giorno conta l'ultima osservazione «social.observed» di ciascun elemento.",
    'Observed items updated no more than 7 days before, divided by all observed items; each day the latest "social.observed" observation of each item counts.',
  ],
];

describe('describeMeasure', () => {
  it.each(cases)('explains %s in Italian and English', (_name, measure, it_, en) => {
    expect(describeMeasure(measure, 'it')).toBe(it_);
    expect(describeMeasure(measure, 'en')).toBe(en);
  });

  it("uses the author's description in Italian and still generates English", () => {
    const measure: Measure = { kind: 'count', select: { kind: 'disruption' }, count: 'days', description: 'Giorni di disagio per interruzione del servizio.' };
    expect(describeMeasure(measure, 'it')).toBe('Giorni di disagio per interruzione del servizio.');
    expect(describeMeasure(measure, 'en')).toBe('Number of days with at least one "disruption" event in the period.');
  });
});
