import type { FastifyInstance } from 'fastify';
import { AccessibilityPage } from '../pages/accessibility.page.tsx';
import { LegalNotesPage } from '../pages/legal-notes.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';

/** The accessibility page and the legal notes, linked from every footer. */
export function registerInfoRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get('/dichiarazione-di-accessibilita', async (request, reply) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(reply, AccessibilityPage({ ctx }));
  });

  app.get('/note-legali', async (request, reply) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(reply, LegalNotesPage({ ctx }));
  });
}
