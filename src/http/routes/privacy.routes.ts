import type { FastifyInstance } from 'fastify';
import { PrivacyPage, privacyNoticeFactsOf } from '../pages/privacy.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';

/** The privacy notice (GDPR art. 13), linked from every footer and from the diffida form's consent. */
export function registerPrivacyRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const facts = privacyNoticeFactsOf(deps.settings.administration);
  app.get('/privacy', async (request, reply) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(reply, PrivacyPage({ ctx, facts }));
  });
}
