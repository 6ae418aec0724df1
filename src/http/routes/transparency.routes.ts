import type { FastifyInstance } from 'fastify';
import { localDateOf } from '../../domain/calendar/index.ts';
import { writeClassActionCsv } from '../view/class-action-csv.ts';
import { ClassActionPage } from '../pages/class-action.page.tsx';
import { OnlineServicesPage } from '../pages/online-services.page.tsx';
import { ServiceCharterPage } from '../pages/service-charter.page.tsx';
import { TransparencyPage } from '../pages/transparency.page.tsx';
import { AMMINISTRAZIONE_TRASPARENTE, CARTA_DEI_SERVIZI, CLASS_ACTION, CLASS_ACTION_CSV, SERVIZI_EROGATI, SERVIZI_IN_RETE } from '../pages/transparency-paths.ts';
import { TransparencySectionPage } from '../pages/transparency-section.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { PageNotFoundError } from '../page-errors.ts';
import { ReportDocumentParams } from './route-schemas.ts';
import { sendDocument } from './send-document.ts';

/** Amministrazione trasparente › Servizi erogati and its sub-sections. */
export function registerTransparencyRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get(AMMINISTRAZIONE_TRASPARENTE, async (request, reply) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(reply, TransparencySectionPage({ ctx }));
  });

  app.get(SERVIZI_EROGATI, async (request, reply) => {
    const { ctx } = await loadPageContext(request, deps);
    const reportYear = deps.actions.exportReportDocument === undefined ? undefined : currentYearOf(deps.settings);
    return sendHtml(reply, TransparencyPage({ ctx, ...(reportYear === undefined ? {} : { reportYear }) }));
  });

  // The year's results as an official document: PDF, DOCX or XLSX.
  app.get<{ Params: ReportDocumentParams }>('/risultati/:year/rapporto/:format', { schema: { params: ReportDocumentParams } }, async (request, reply) => {
    if (deps.actions.exportReportDocument === undefined) throw new PageNotFoundError('official documents');
    return sendDocument(reply, await deps.actions.exportReportDocument({ year: request.params.year, format: request.params.format }));
  });

  app.get(CARTA_DEI_SERVIZI, async (request, reply) => {
    const [{ ctx }, cards, services] = await Promise.all([loadPageContext(request, deps), deps.actions.listCards(), deps.actions.listServices()]);
    return sendHtml(reply, ServiceCharterPage({ ctx, cards, services }));
  });

  app.get(CLASS_ACTION, async (request, reply) => {
    const [{ ctx }, listing, services] = await Promise.all([
      loadPageContext(request, deps),
      deps.actions.listClassActions?.() ?? Promise.resolve({ cases: [], lastChangeAt: null }),
      deps.actions.listServices(),
    ]);
    // The date of "none as of": the last change to what is published, or today when nothing ever was.
    const asOf =
      listing.lastChangeAt === null
        ? { date: localDateOf(deps.settings.now(), deps.settings.timeZone), isToday: true }
        : { date: localDateOf(new Date(listing.lastChangeAt), deps.settings.timeZone), isToday: false };
    const serviceNames = new Map(services.map(({ service }) => [service.slug, service.name]));
    return sendHtml(reply, ClassActionPage({ ctx, listing, asOf, serviceNames, csv: deps.actions.listClassActions !== undefined }));
  });

  app.get(CLASS_ACTION_CSV, async (_request, reply) => {
    if (deps.actions.listClassActions === undefined) throw new PageNotFoundError('class actions');
    return reply
      .type('text/csv; charset=utf-8; header=present')
      .header('content-disposition', 'attachment; filename="class-action.csv"')
      .send(writeClassActionCsv(await deps.actions.listClassActions()));
  });

  app.get(SERVIZI_IN_RETE, async (request, reply) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx }, satisfaction, listings] = await Promise.all([loadPageContext(request, deps), deps.actions.summariseSatisfaction?.({ year }), deps.actions.listServices()]);
    // Each service once (a slug is unique per organisation; the site normally publishes one).
    const services = [...new Map(listings.map(({ service }) => [service.slug, { slug: service.slug, name: service.name }])).values()];
    const today = localDateOf(deps.settings.now(), deps.settings.timeZone);
    return sendHtml(reply, OnlineServicesPage({ ctx, services, today, ...(satisfaction === undefined ? {} : { satisfaction }) }));
  });
}
