import { draftRecord, withoutKey } from '../domain/editions/edition.ts';
import { editionKeyOf, type Organisation } from '../domain/cards/card.ts';
import { lintCard } from '../domain/cards/card-lint.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { defaultOrganisationFor } from './import-cards.action.ts';
import { toIndicatorListing, type CardListing } from './list-cards.action.ts';

/** What an import would store, without storing it: `misura import --dry-run --json` prints exactly this shape. */
export interface ImportPreview {
  /** As `misura cards --json` lists them. */
  cards: CardListing[];
  /** Problems of the files (not read, refused, cut short) and the card rules' findings. */
  findings: Finding[];
  /** Every cell the readers were unsure of, with where it is and how it was read. */
  doubts: Finding[];
}

/**
 * Shows read cards as they would be stored: the PA a card does not name is the one the batch names (when only one
 * is), else the card's office, as the import does without a database to look in. Writes nothing.
 */
export function previewImport(read: { cards: readonly ImportedCard[]; findings: readonly Finding[] }): ImportPreview {
  const named = new Map(read.cards.flatMap((c) => (c.organisation ? [[c.organisation.slug, c.organisation] as const] : [])));
  const batchOrganisation: Organisation | null = named.size === 1 ? ([...named.values()][0] ?? null) : null;
  const findings: Finding[] = [...read.findings];
  const doubts: Finding[] = [];
  // The cards of one table (one a year) share its doubts: each is listed once.
  const listed = new Set<string>();
  const cards = read.cards.map((imported): CardListing => {
    const { card } = imported;
    const organisation = imported.organisation ?? batchOrganisation ?? defaultOrganisationFor(card);
    for (const doubt of imported.doubts) {
      const key = JSON.stringify(doubt);
      if (!listed.has(key)) doubts.push(doubt);
      listed.add(key);
    }
    // The importer may already have said what a rule would repeat (e.g. the unknown year).
    const seen = new Set(imported.doubts.map((d) => `${d.code}|${d.line}`));
    findings.push(...lintCard(card).filter((f) => !seen.has(`${f.code}|${f.line}`)));
    return {
      organisation: { slug: organisation.slug, name: organisation.name },
      service: card.service.name,
      serviceSlug: card.service.slug,
      year: card.year,
      edition: editionKeyOf(card.year),
      lifecycle: withoutKey(draftRecord(editionKeyOf(card.year))),
      indicators: card.indicators.map(toIndicatorListing),
      notes: card.notes,
      ruleText: card.ruleText,
    };
  });
  return { cards, findings, doubts };
}
