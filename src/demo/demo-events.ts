import type { MeasureEvent } from '../domain/events/event.ts';
import { UserError } from '../domain/shared/errors.ts';
import { generateAccreditation, generateCommunications } from './cliclavoro-services.generator.ts';
import { generateCommunity } from './community.generator.ts';
import { generateContactCentre } from './contact-centre.generator.ts';
import { DEFAULT_PHONE_HOURS, type DemoOptions } from './demo-scenario.ts';
import { demoSpanOf } from './demo-span.ts';
import { generateEditorial } from './editorial.generator.ts';
import { generateIncidents } from './incidents.generator.ts';
import { planOutages } from './outage-plan.ts';
import { generatePageUpdates } from './page-updates.generator.ts';
import { generatePortalChecks } from './portal-checks.generator.ts';
import { randomFor } from './random.ts';
import { generateRegisters } from './registers.generator.ts';
import { generateSocialPages } from './social-pages.generator.ts';
import { generateWebSpaceCounts } from './web-spaces.generator.ts';

/**
 * A synthetic but realistic year of RAW events for the 47 indicators of the seed cards, from 1 January of
 * `options.year` up to `options.lastDate` included, streamed one source after another. Deterministic: the same options
 * give the same events with the same ids, so ingesting them twice changes nothing. The demo writes raw events and
 * register entries only; every number of the report is computed from them.
 */
export function* generateDemoEvents(options: DemoOptions): Generator<MeasureEvent> {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new UserError(`the demo seed must be a whole number from 0 to 4294967295, got ${options.seed}`, { field: 'seed' });
  }
  const span = demoSpanOf(options.year, options.lastDate);
  const seed = options.seed;
  const plan = planOutages(span, randomFor(seed, 'outages'));
  yield* generatePortalChecks(span, plan, randomFor(seed, 'portal-checks'));
  yield* generateIncidents(span, plan, randomFor(seed, 'incidents'));
  yield* generateContactCentre(span, options.phoneHours ?? DEFAULT_PHONE_HOURS, randomFor(seed, 'contact-centre'));
  yield* generateEditorial(span, randomFor(seed, 'editorial'));
  yield* generatePageUpdates(span, randomFor(seed, 'page-updates'));
  yield* generateSocialPages(span, randomFor(seed, 'social-pages'));
  yield* generateCommunity(span, randomFor(seed, 'community'));
  yield* generateAccreditation(span, randomFor(seed, 'accreditation'));
  yield* generateCommunications(span, randomFor(seed, 'communications'));
  yield* generateRegisters(span, randomFor(seed, 'registers'));
  yield* generateWebSpaceCounts(span);
}
