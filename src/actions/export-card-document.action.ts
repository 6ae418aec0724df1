import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { stampCardLayout } from '../formats/card-layout.ts';
import { CARD_DOCUMENT_FORMATS, DOCUMENT_MEDIA_TYPES, documentFormatOf, type ExportedDocument } from '../formats/document-format.ts';
import type { Database } from '../storage/database.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import { findServicesBySlugs } from '../storage/repositories/service.repository.ts';
import { findServiceProfiles } from '../storage/repositories/service-profile.repository.ts';
import { EMPTY_PROFILE, effectiveServiceProfile } from '../domain/services/service-profile.ts';

export interface ExportCardDocumentInput {
  /** A service slug, or its name. */
  service: string;
  /**
   * A year (its edition in force, else its latest revision), or an edition key exactly as listed ("2026",
   * "2026-r2", "undated").
   */
  edition: number | string;
  format: string;
  /**
   * The act that adopted the card ("Delibera di Giunta n. 12 del 3 febbraio 2026"); default: the act the edition was
   * approved with. Written under the notes.
   */
  act?: string | null;
}

/** One card edition as an official document (PDF, DOCX, ODT, XLSX), stamped with the time and a hash of its data. */
export async function exportCardDocument(deps: { database: Database; now?: () => Date }, input: ExportCardDocumentInput): Promise<ExportedDocument> {
  const format = documentFormatOf(input.format, CARD_DOCUMENT_FORMATS);
  if (format === undefined) throw new UserError(`a card is exported as ${CARD_DOCUMENT_FORMATS.join(', ')}, not "${input.format}"`, { field: 'format' });
  const { db } = deps.database;
  const slugs = [...new Set([input.service, slugify(input.service)])];
  const services = await findServicesBySlugs(db, slugs);
  if (services.length === 0) throw new UserError(`no stored service is called "${input.service}"`, { field: 'service' });
  const cards = await listCards(db, { serviceSlugs: slugs });
  const editionKey = String(input.edition);
  const ofYear = typeof input.edition === 'number' ? cards.filter((c) => c.card.year === input.edition) : [];
  const stored =
    typeof input.edition === 'number'
      ? (ofYear.find((c) => c.edition.status === 'published') ?? ofYear.at(-1))
      : cards.find((c) => c.editionKey === editionKey);
  if (stored === undefined) {
    const editions = cards.map((c) => c.editionKey).join(', ');
    throw new UserError(`service "${input.service}" has no card for ${editionKey}${editions === '' ? '' : ` (its editions: ${editions})`}`, { field: 'year' });
  }
  const now = (deps.now ?? (() => new Date()))();
  // Complaints and indemnity are the service's, set in the back office: the same block on every edition's document.
  const service = services.find((s) => s.service.slug === stored.card.service.slug);
  const profile = service === undefined ? undefined : (await findServiceProfiles(db, [service.id])).get(service.id)?.profile;
  const { complaints } = effectiveServiceProfile(stored.card.service, profile ?? EMPTY_PROFILE);
  const layout = stampCardLayout({ card: stored.card, organisation: stored.organisation, act: input.act ?? stored.edition.act, complaints }, now);
  const bytes = await writeCard(format, layout);
  return { bytes, fileName: `carta-${stored.card.service.slug}-${stored.editionKey}.${format}`, mediaType: DOCUMENT_MEDIA_TYPES[format] };
}

async function writeCard(format: (typeof CARD_DOCUMENT_FORMATS)[number], layout: ReturnType<typeof stampCardLayout>): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return (await import('../formats/card-pdf.writer.ts')).writeCardPdf(layout);
    case 'docx':
      return (await import('../formats/card-docx.writer.ts')).writeCardDocx(layout);
    case 'odt':
      return (await import('../formats/card-odt.writer.ts')).writeCardOdt(layout);
    case 'xlsx':
      return (await import('../formats/card-xlsx.writer.ts')).writeCardXlsx(layout);
  }
}
