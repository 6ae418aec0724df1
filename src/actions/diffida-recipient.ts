import type { RichText, StandardCard } from '../domain/cards/card.ts';
import type { EditionStatus } from '../domain/editions/edition-status.ts';
import type { Queryable } from '../storage/schema.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { findServiceProfiles } from '../storage/repositories/service-profile.repository.ts';

/** To whom a diffida goes: the organo (art. 3 c.1 d.lgs. 198/2009) and its PEC address, when known. */
export interface DiffidaRecipient {
  organo: string;
  pec: string | null;
}

/** Said when the card names no organo: the statute's default addressee. */
export const DEFAULT_ORGANO = "Organo di vertice dell'amministrazione";

/**
 * THE place the organo and its PEC come from: the service's profile, edited in the back office, where it sets them;
 * otherwise the card in force in `year` (its "Organo cui notificare la preventiva diffida" field).
 */
export async function findDiffidaRecipient(db: Queryable, serviceId: number, year: number): Promise<DiffidaRecipient> {
  const card = pickCardInForce(await listCards(db, { serviceIds: [serviceId], statuses: ['published'] }), year);
  const fromCard = recipientOfCard(card?.card);
  const profile = (await findServiceProfiles(db, [serviceId])).get(serviceId)?.profile;
  return { organo: profile?.diffidaBody ?? fromCard.organo, pec: profile?.diffidaPec ?? fromCard.pec };
}

/** The recipient a card states; the statute's default when it names none. */
export function recipientOfCard(card: StandardCard | undefined): DiffidaRecipient {
  const body = card?.service.diffidaBody;
  const organo = body?.text.replace(/\s+/g, ' ').trim() ?? '';
  return { organo: organo === '' ? DEFAULT_ORGANO : organo, pec: body === undefined ? null : pecOf(body) };
}

/** A certified-mail address in the text or links: a mailbox whose domain says PEC (pec., .pec., legalmail, postacert, cert.). */
function pecOf(body: RichText): string | null {
  const candidates = [...body.links.map((link) => link.href.replace(/^mailto:/i, '')), ...(body.text.match(/[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi) ?? [])];
  const pec = candidates.find((address) => /^[^\s@]+@([^\s@]*\.)?(pec|legalmail|postacert|cert)\.[^\s@]+$/i.test(address) || /@[^\s@]*\.pec\./i.test(address));
  return pec === undefined ? null : pec.toLowerCase();
}

/** The card in force in `year`: the latest published dated edition of that year or before, else the undated one. */
export function pickCardInForce(cards: readonly StoredCard[], year: number): StoredCard | undefined {
  const published = cards.filter((stored) => stored.edition.status === ('published' satisfies EditionStatus));
  let best: StoredCard | undefined;
  for (const stored of published) {
    const cardYear = stored.card.year;
    if (cardYear !== null && cardYear <= year && (best?.card.year ?? -Infinity) < cardYear) best = stored;
  }
  return best ?? published.find((stored) => stored.card.year === null);
}
