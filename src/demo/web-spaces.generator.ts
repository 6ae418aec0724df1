import type { MeasureEvent } from '../domain/events/event.ts';
import { at, workingDayNear, type DemoSpan } from './demo-span.ts';
import { demoEvent } from './demo-scenario.ts';

/** Quarterly hand counts of the home page's communication area: spaces for the contact centre / all spaces. */
const COUNTS: readonly (readonly [string, number, number])[] = [
  ['01-07', 2, 6],
  ['04-01', 2, 7],
  ['07-01', 2, 6],
  ['10-01', 3, 8],
];

/**
 * The one really point-in-time indicator: the share of the www.lavoro.gov.it home page's communication area given to
 * the contact centre, counted by hand each quarter ("web-spaces.counted", source "manual") with who counted and the
 * evidence kept. The first count is made in the first working days of January.
 */
export function* generateWebSpaceCounts(span: DemoSpan): Generator<MeasureEvent> {
  for (const [index, [monthDay, dedicated, total]] of COUNTS.entries()) {
    let planned = `${span.year}-${monthDay}`;
    if (planned > span.lastDate) {
      // Only the first count is brought forward, so even a demo of the first days of January has one.
      if (index > 0) break;
      planned = span.lastDate;
    }
    const date = workingDayNear(span, planned);
    if (date === null) continue;
    const id = `home-comunicazione-${date}`;
    yield demoEvent('manual', 'web-spaces.counted', id, 'www.lavoro.gov.it/home/comunicazione', at(span, date, 12), {
      value: Math.round((dedicated / total) * 10_000) / 100,
      dedicated,
      total,
      recordedBy: 'Ufficio comunicazione (A. Esposito)',
      evidence: `Schermata della home page www.lavoro.gov.it del ${date}, area Comunicazione: ${dedicated} spazi su ${total} dedicati al Centro di contatto; archiviata con protocollo interno`,
    });
  }
}
