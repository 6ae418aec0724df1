import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminFeedsPage, type AdminFeedsPageProps } from '../pages/admin-feeds.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf, routeAdmits } from './admin-forms.ts';

/** The actions the feeds page calls. */
export type FeedActions = Required<Pick<SiteDeps['actions'], 'listSources' | 'listApiTokens' | 'createApiToken' | 'revokeApiToken'>>;

/** /admin/flussi: the sources and their silence, the API tokens, and the forms that create (shown once) and revoke them. */
export function registerAdminFeedRoutes(scope: FastifyInstance, deps: SiteDeps, actions: FeedActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);
  const canChange = (request: FastifyRequest) => routeAdmits('POST', '/admin/flussi/token', request.session?.account.role);
  const showPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Pick<AdminFeedsPageProps, 'created' | 'done' | 'refused'>) => {
    const [{ ctx }, sources, tokens] = await Promise.all([loadPageContext(request, deps), actions.listSources(), actions.listApiTokens()]);
    return sendHtml(reply, AdminFeedsPage({ ctx, csrfToken: reply.generateCsrf(), sources, tokens, canChange: canChange(request), ...extra }), status);
  };

  scope.get<{ Querystring: { fatto?: unknown } }>('/admin/flussi', async (request, reply) =>
    showPage(request, reply, 200, request.query.fatto === 'revoked' ? { done: 'revoked' } : {}),
  );

  // Answers the page itself, not a redirect: the token is shown this once and must not travel in a URL.
  scope.post('/admin/flussi/token', csrf, async (request, reply) => {
    try {
      const created = await actions.createApiToken({ source: fieldOf(request.body, 'source'), label: fieldOf(request.body, 'label'), ...(request.actor ? { actor: request.actor } : {}) });
      return await showPage(request, reply, 200, { created: { id: created.id, source: created.source, token: created.token } });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showPage(request, reply, 422, { refused: error.message });
    }
  });

  scope.post('/admin/flussi/revoca', csrf, async (request, reply) => {
    try {
      const id = Number(fieldOf(request.body, 'id'));
      await actions.revokeApiToken(id, request.actor);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showPage(request, reply, 422, { refused: error.message });
    }
    return reply.redirect(`${localePath(locale, '/admin/flussi')}?fatto=revoked`, 303);
  });
}
