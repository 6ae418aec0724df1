import type { ImportCardsOptions } from '../src/actions/import-cards.action.ts';
import type { Indicator, Organisation, Service, StandardCard } from '../src/domain/cards/card.ts';
import type { Finding } from '../src/domain/cards/finding.ts';
import type { ImportedCard } from '../src/domain/cards/imported-card.ts';
import type { Target } from '../src/domain/cards/target.ts';

/** Test data for cards, built without the importer. Every field has a realistic, non-empty default. */

let serviceCounter = 0;

/** A ministry, as the heading of a card names it. */
export function newOrganisation(overrides: Partial<Organisation> = {}): Organisation {
  return { slug: 'ministero-del-lavoro', name: 'Ministero del Lavoro e delle Politiche Sociali', ...overrides };
}

/** A service with rich cells, a link, channels with opening hours and staff; slug and name unique per call. */
export function newService(overrides: Partial<Service> = {}): Service {
  serviceCounter += 1;
  return {
    slug: `servizio-${serviceCounter}`,
    name: `Servizio ${serviceCounter}`,
    office: 'Direzione Generale dei sistemi informativi',
    characteristics: { text: 'Rappresenta lo strumento per accedere ai servizi telematici.', links: [] },
    deliveryMode: { text: 'online', links: [] },
    userTypes: { text: 'Cittadini italiani e stranieri, aziende', links: [] },
    diffidaBody: {
      text: 'Direttore Generale dei sistemi informativi',
      links: [{ text: 'DG Sistemi informativi', href: 'https://www.lavoro.gov.it/dg-sistemi-informativi' }],
    },
    webAddress: { text: 'servizi.lavoro.gov.it', href: 'http://servizi.lavoro.gov.it' },
    channels: [
      { key: 'web', kind: 'web', label: 'Portale', address: 'http://servizi.lavoro.gov.it', hours: null },
      { key: 'phone', kind: 'phone', label: 'Contact center', address: '800 000 000', hours: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '18:00' } },
    ],
    staff: 16,
    ...overrides,
  };
}

/** A parsed "95%" target, inferred as "higher is better". */
export function newTarget(overrides: Partial<Target> = {}): Target {
  return {
    text: '95%',
    comparator: '>=',
    value: 95,
    unit: 'percent',
    period: 'year',
    measurable: true,
    comparatorReason: 'a share of days available: higher is better',
    comparatorSource: 'inferred',
    ...overrides,
  };
}

/** An Accessibilità indicator at `position` (default 1), its slug and source line derived from it. */
export function newIndicator(overrides: Partial<Indicator> = {}): Indicator {
  const position = overrides.position ?? 1;
  return {
    position,
    slug: `accessibilita-multicanale-${position}`,
    dimension: 'Accessibilità',
    dimensionKey: 'accessibilita',
    subdimension: 'Multicanale',
    description: 'Accesso on line dal portale',
    formula: 'Numero giornate di accessibilità al web / Numero giorni anno solare',
    target: newTarget(),
    notes: null,
    additional: false,
    source: { file: 'card.txt', line: 17 + position },
    ...overrides,
  };
}

/** `count` indicators at positions 1…count. */
export function newIndicators(count: number): Indicator[] {
  return Array.from({ length: count }, (_, index) => newIndicator({ position: index + 1 }));
}

export interface NewCardOptions {
  organisation?: Organisation | null;
  doubts?: Finding[];
}

/** An ImportedCard of year 2021 for a new service, with three indicators, notes and the "(&)" rule. */
export function newCard(overrides: Partial<StandardCard> = {}, options: NewCardOptions = {}): ImportedCard {
  const card: StandardCard = {
    year: 2021,
    service: newService(),
    indicators: newIndicators(3),
    notes: ['(*) Dimensione ulteriore (delibera CIVIT 3/2012).', '(&) Il valore programmato non può essere peggiore del precedente.'],
    ruleText: 'Il valore programmato non può essere peggiore del precedente.',
    source: { file: 'card.txt' },
    ...overrides,
  };
  return {
    organisation: options.organisation === undefined ? newOrganisation() : options.organisation,
    card,
    doubts: options.doubts ?? [],
  };
}

/** A doubt the reader raised about a cell. */
export function newDoubt(overrides: Partial<Finding> = {}): Finding {
  return { code: 'doubtful-target', severity: 'warning', file: 'card.txt', line: 20, field: 'target', message: 'the target is not a number', ...overrides };
}

/** Import options that approve and publish at once, as `misura import --publish --act "…"` does: for tests of public reading. */
export const PUBLISH_NOW: ImportCardsOptions = { publish: { act: 'Decreto di test n. 1 del 02/01/2020' } };

/** `misura cards --json` output without the stable ids, which are drawn at random: for comparing two imports. */
export function withoutUids<T>(listing: T): T {
  return JSON.parse(JSON.stringify(listing, (key, value: unknown) => (key === 'uid' ? undefined : value))) as T;
}
