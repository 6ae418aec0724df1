import { REGISTER_ENTRY_KIND } from '../domain/measures/day-fold.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import { addDays } from '../domain/calendar/index.ts';
import { at, dateAt, spanDays, workingDayNear, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import type { Random } from './random.ts';

const SOURCE = 'office-register';
/** Interventions take up to 30 days; none is planned in the last five weeks (when the span is long enough). */
const MAX_DAYS_TO_DO = 30;
const QUIET_DAYS_AT_END = 35;

const TITLES: Readonly<Record<string, readonly string[]>> = {
  elasticita: ['Aumento della capacità dei server nei periodi di picco', 'Coda di attesa per le scadenze di fine mese', 'Scalabilità automatica del front-end', 'Potenziamento della banda verso il data center'],
  flessibilita: ['Nuovo modulo di invio per i patronati', 'Compilazione in più sessioni', 'Esportazione delle ricevute in PDF/A', 'Nuove FAQ richieste dagli utenti'],
  equita: ['Verifica di accessibilità WCAG 2.1 AA', 'Sottotitoli ai video tutorial', 'Versione in lingua inglese delle guide', 'Compatibilità con i lettori di schermo'],
  efficienza: ['Riduzione dei tempi di risposta delle pagine', 'Consolidamento dei server applicativi', 'Automazione dei controlli di qualità dei dati', 'Archiviazione delle pratiche chiuse'],
  empatia: ['Assistenza guidata per i primi accessi', 'Messaggi di errore più chiari', 'Promemoria personalizzati delle scadenze', 'Questionario di gradimento'],
};
const SERVICES = [SERVICE_KEYS.serviziLavoro, SERVICE_KEYS.cliclavoro, SERVICE_KEYS.retiSociali];

/**
 * The office registers of interventions, one per additional dimension ("interventi-elasticita", …): each
 * intervention is recorded as planned ("register.entry", status "planned"), then corrected to done by re-sending the
 * same event id with status "done", as a real office would. One accessibility intervention of Servizi Lavoro is still
 * waiting for its supplier, so its Equità standard (100%) is missed.
 */
export function* generateRegisters(span: DemoSpan, random: Random): Generator<MeasureEvent> {
  const planned: MeasureEvent[] = [];
  const done: MeasureEvent[] = [];
  const days = spanDays(span);
  for (const service of SERVICES) {
    for (const [dimension, titles] of Object.entries(TITLES)) {
      const register = `interventi-${dimension}`;
      // About two a month. Rounded up, so the year's projected total always allows at least one entry not done at
      // 95%: with fewer, a single open entry would miss the target and a 100% register would read as at risk.
      const entries = Math.ceil((random.int(22, 28) * days) / 365);
      const indices = random.sample(Math.min(days, Math.max(entries, days - QUIET_DAYS_AT_END)), entries);
      for (const [n, index] of indices.entries()) {
        const plannedOn = workingDayNear(span, span.dates[index] ?? span.from) ?? span.from;
        let doneOn = addDays(plannedOn, random.int(3, MAX_DAYS_TO_DO));
        if (doneOn > span.lastDate) doneOn = span.lastDate;
        const id = `${service}/${register}/${n + 1}`;
        const base = { register, service, title: random.pick(titles), plannedOn };
        const occurredAt = at(span, plannedOn, 10, random.int(0, 59));
        planned.push(demoEvent(SOURCE, REGISTER_ENTRY_KIND, id, id, occurredAt, { ...base, status: 'planned' }));
        done.push(demoEvent(SOURCE, REGISTER_ENTRY_KIND, id, id, occurredAt, { ...base, status: 'done', doneOn }));
      }
    }
  }
  const waitingOn = workingDayNear(span, dateAt(span, 0.3)) ?? span.from;
  const waiting = `${SERVICE_KEYS.serviziLavoro}/interventi-equita/in-attesa-1`;
  planned.push(
    demoEvent(SOURCE, REGISTER_ENTRY_KIND, waiting, waiting, at(span, waitingOn, 11), {
      register: 'interventi-equita',
      service: SERVICE_KEYS.serviziLavoro,
      title: "Adeguamento dell'app Dimissioni alle linee guida AgID sull'accessibilità (in attesa del fornitore)",
      plannedOn: waitingOn,
      status: 'planned',
    }),
  );
  yield* planned;
  // The corrections arrive after the first versions, as they would from the office.
  yield* done;
}
