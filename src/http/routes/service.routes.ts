import type { FastifyInstance } from 'fastify';
import type { CardListing } from '../../actions/list-cards.action.ts';
import { localDateOf } from '../../domain/calendar/index.ts';
import { diffEditions, type ComparableIndicator } from '../../domain/editions/edition-diff.ts';
import { parseEditionKey } from '../../domain/editions/edition-status.ts';
import { EditionDiffPage } from '../pages/edition-diff.page.tsx';
import { EditionPage } from '../pages/edition.page.tsx';
import { ServicePage } from '../pages/service.page.tsx';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { pickCardInForce } from '../view/card-in-force.ts';
import { CardDocumentParams, EditionParams, ServiceParams } from './route-schemas.ts';
import { sendDocument } from './send-document.ts';
import { loadDiffidaOffer, loadReports, loadServiceWithCards } from './service-data.ts';
import { offeredChannelsOf } from '../../domain/satisfaction/satisfaction-vote.ts';

/** A service's page (the card in force this year) and each edition of its card. */
export function registerServiceRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get<{ Params: ServiceParams }>('/servizi/:slug', { schema: { params: ServiceParams } }, async (request, reply) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx }, { listing, cards }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, request.params.slug)]);
    const card = pickCardInForce(cards, year);
    const reports = card === undefined ? new Map() : await loadReports(deps, listing.service.slug, card.edition, year);
    const today = localDateOf(deps.settings.now(), deps.settings.timeZone);
    const diffida = await loadDiffidaOffer(deps, listing.service.slug, cards, year);
    // The vote box only where votes can be recorded (the form's own page and its token come with them).
    const satisfaction = deps.actions.recordSatisfactionVote === undefined ? undefined : { channels: offeredChannelsOf(listing.service.channels.map((channel) => channel.kind)) };
    return sendHtml(
      reply,
      ServicePage({ ctx, listing, year, card, reports, editions: newestFirst(cards), downloads: deps.actions.exportCardDocument !== undefined, today, ...(diffida === undefined ? {} : { diffida }), ...(satisfaction === undefined ? {} : { satisfaction }) }),
    );
  });

  // What changed from the public edition before this one, with the "(&)" justifications.
  app.get<{ Params: EditionParams }>('/servizi/:slug/:edition/confronto', { schema: { params: EditionParams } }, async (request, reply) => {
    const [{ ctx }, { listing, cards }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, request.params.slug)]);
    const oldestFirst = newestFirst(cards).reverse();
    const index = oldestFirst.findIndex((c) => c.edition === request.params.edition);
    const to = oldestFirst[index];
    const from = oldestFirst[index - 1];
    if (to === undefined || from === undefined) throw new PageNotFoundError(`an edition before ${request.params.edition} of service "${request.params.slug}"`);
    const diff = diffEditions(comparableOf(from), comparableOf(to));
    return sendHtml(reply, EditionDiffPage({ ctx, listing, from, to, diff }));
  });

  app.get<{ Params: EditionParams }>('/servizi/:slug/:edition', { schema: { params: EditionParams } }, async (request, reply) => {
    const [{ ctx }, { listing, cards }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, request.params.slug)]);
    const card = cards.find((c) => c.edition === request.params.edition);
    if (card === undefined) throw new PageNotFoundError(`edition ${request.params.edition} of service "${request.params.slug}"`);
    // An edition's values are those measured in its own year; an undated edition has no year of its own.
    const reports = card.year === null ? new Map() : await loadReports(deps, listing.service.slug, card.edition, card.year);
    return sendHtml(reply, EditionPage({ ctx, listing, card, reports, editions: newestFirst(cards), downloads: deps.actions.exportCardDocument !== undefined }));
  });

  // The edition as an official document: PDF, DOCX, ODT or XLSX.
  app.get<{ Params: CardDocumentParams }>('/servizi/:slug/:edition/carta/:format', { schema: { params: CardDocumentParams } }, async (request, reply) => {
    if (deps.actions.exportCardDocument === undefined) throw new PageNotFoundError('official documents');
    const { slug, edition, format } = request.params;
    const { cards } = await loadServiceWithCards(deps, slug);
    if (!cards.some((c) => c.edition === edition)) throw new PageNotFoundError(`edition ${edition} of service "${slug}"`);
    const document = await deps.actions.exportCardDocument({ service: slug, edition, format });
    return sendDocument(reply, document);
  });
}

/** Newest first: by year, then the latest correction of a year first. */
function newestFirst<T extends { year: number | null; edition: string }>(cards: readonly T[]): T[] {
  const revisionOf = (card: T) => parseEditionKey(card.edition)?.revision ?? 1;
  return [...cards].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || revisionOf(b) - revisionOf(a));
}

function comparableOf(card: CardListing): ComparableIndicator[] {
  return card.indicators.map((indicator) => ({ ...indicator, uid: indicator.uid ?? indicator.slug }));
}
