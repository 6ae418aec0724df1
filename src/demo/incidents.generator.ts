import type { MeasureEvent } from '../domain/events/event.ts';
import { at, compactDate, type DemoSpan } from './demo-span.ts';
import { demoEvent, SERVICE_KEYS } from './demo-scenario.ts';
import type { OutagePlan } from './outage-plan.ts';
import type { Random } from './random.ts';

const CAUSES: Readonly<Record<string, readonly string[]>> = {
  [SERVICE_KEYS.serviziLavoro]: ['Portale non raggiungibile: guasto del bilanciatore', 'Manutenzione straordinaria del database', 'Certificato TLS scaduto'],
  [SERVICE_KEYS.cliclavoro]: ['Portale non raggiungibile: guasto della rete del data center', 'Aggiornamento del CMS non riuscito', 'Attacco DDoS mitigato'],
  [SERVICE_KEYS.retiSociali]: [
    'Blog Cliclavoro non raggiungibile',
    'Pagina Facebook temporaneamente limitata',
    'Account LinkedIn sospeso per verifica',
    'Canale YouTube non aggiornabile',
    'Blog in manutenzione straordinaria',
  ],
};

/**
 * The incident log: one "disruption" event per service and day on which users were affected (source "incident-log").
 * For the portals these are the days of their long outages, so availability and continuity tell the same story.
 */
export function* generateIncidents(span: DemoSpan, plan: OutagePlan, random: Random): Generator<MeasureEvent> {
  for (const [service, dates] of plan.disruptionDays) {
    for (const date of [...dates].sort()) {
      const id = `INC-${service}-${compactDate(date)}`;
      yield demoEvent('incident-log', 'disruption', id, id, at(span, date, random.int(8, 17), random.int(0, 59)), {
        service,
        cause: random.pick(CAUSES[service] ?? ['Interruzione del servizio']),
      });
    }
  }
}
