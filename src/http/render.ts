import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Organisation } from '../domain/cards/card.ts';
import { messagesOf, splitLocale, type Locale } from './i18n/locale.ts';
import type { PageContext } from './pages/page-context.ts';
import type { SiteDeps } from './site-settings.ts';

/** The site's name: the administration's when there is exactly one, else the product's. */
export function siteNameOf(organisations: readonly Organisation[], locale: Locale): string {
  return organisations.length === 1 && organisations[0] !== undefined ? organisations[0].name : messagesOf(locale).defaultSiteName;
}

/**
 * The context of a page from its request. The path keeps its query string for the language switch,
 * with leading slashes collapsed so that a crafted "//host" URL can never become a link off the site.
 */
export function buildPageContext(request: FastifyRequest, deps: SiteDeps, organisations: readonly Organisation[]): PageContext {
  const { locale, path } = splitLocale(request.url);
  return {
    locale,
    messages: messagesOf(locale),
    path: path.replace(/^\/+/, '/'),
    // The configured administration wins: the cards may name an office, or several bodies.
    siteName: deps.settings.administration?.name ?? siteNameOf(organisations, locale),
    accessibilityStatementUrl: deps.settings.accessibilityStatementUrl,
    contactEmail: deps.settings.contactEmail,
    catchingUp: deps.actions.catchUpState?.().catchingUp ?? false,
    logoUrl: logoUrlOf(deps.settings.administration?.logoPath ?? null),
  };
}

/** Where the administration's logo (MISURA_PA_LOGO) is served, its extension kept for the content type; null without one. */
export function logoUrlOf(logoPath: string | null): string | null {
  const extension = logoPath === null ? undefined : /\.(svg|png|jpe?g|webp)$/i.exec(logoPath)?.[1];
  return extension === undefined ? null : `/static/pa/logo.${extension.toLowerCase()}`;
}

/** The page context, with the organisations the header names (one query). */
export async function loadPageContext(request: FastifyRequest, deps: SiteDeps): Promise<{ ctx: PageContext; organisations: Organisation[] }> {
  const organisations = await deps.actions.listOrganisations();
  return { ctx: buildPageContext(request, deps, organisations), organisations };
}

/** Sends rendered HTML. */
export async function sendHtml(reply: FastifyReply, html: JSX.Element, statusCode = 200): Promise<FastifyReply> {
  return reply.code(statusCode).type('text/html; charset=utf-8').send(await html);
}
