import { isWorkingDay } from '../domain/calendar/index.ts';
import type { Face, SatisfactionChannel } from '../domain/satisfaction/satisfaction-vote.ts';
import { at, type DemoSpan } from './demo-span.ts';
import type { Random } from './random.ts';

/** A vote of the demo, as if cast on a service's page: who is a made-up client, unique per service, channel and day. */
export interface DemoVote {
  service: string;
  channel: SatisfactionChannel;
  face: Face;
  at: Date;
  /** "<service>/<date>/<n>": the demo's stand-in for a client's fingerprint, so that rebuilding it counts nothing twice. */
  client: string;
}

/** Most votes come from the web; a few from the phone and the front office. */
const CHANNELS: readonly (readonly [SatisfactionChannel, number])[] = [['web', 0.8], ['telefono', 0.15], ['sportello', 0.05]];
const FACES: readonly (readonly [Face, number])[] = [['positive', 0.7], ['neutral', 0.2], ['negative', 0.1]];

/**
 * "Mettiamoci la faccia" votes on every service of the demo: a few a working day, fewer on holidays; about 70 %
 * satisfied, 20 % neither, 10 % dissatisfied, so that Servizi in rete and a "% giudizi positivi" measure have data.
 */
export function* generateDemoVotes(span: DemoSpan, random: Random, services: readonly string[]): Generator<DemoVote> {
  for (const date of span.dates) {
    const working = isWorkingDay(date, span.calendar);
    for (const service of services) {
      for (let n = random.count(working ? 3 : 0.8); n > 0; n--) {
        const face = random.weighted(FACES);
        yield { service, channel: random.weighted(CHANNELS), face, at: at(span, date, random.int(8, 21), random.int(0, 59), random.int(0, 59)), client: `${service}/${date}/${n}` };
      }
    }
  }
}
