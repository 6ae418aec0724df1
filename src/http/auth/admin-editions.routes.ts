import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Worsening } from '../../domain/editions/edition-diff.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminEditionsPage, type AdminEditionsPageProps } from '../pages/admin-editions.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldsOf, routeAdmits } from './admin-forms.ts';

/** The actions the editions pages call. */
export type EditionActions = Required<Pick<SiteDeps['actions'], 'listEditions' | 'findEditionWorsenings' | 'approveEdition' | 'publishEdition' | 'withdrawEdition' | 'startEdition'>>;

/** The justifications of an approval form: fields "justify:<indicator slug>" that are not blank. */
function justificationsOf(fields: Record<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (name.startsWith('justify:') && value.trim() !== '') found[name.slice('justify:'.length)] = value;
  return found;
}

/**
 * /admin/edizioni: the editions of every service, and the forms that approve (the "(&)" check with a reason per
 * worsened indicator), publish, withdraw and start them. Forms answer 303 back to the page, or the page again with
 * 422 and the reason when the step is refused, with what was typed kept.
 */
export function registerAdminEditionRoutes(scope: FastifyInstance, deps: SiteDeps, actions: EditionActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);
  const canChange = (request: FastifyRequest) => routeAdmits('POST', '/admin/edizioni/approva', request.session?.account.role);

  const showPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Pick<AdminEditionsPageProps, 'done' | 'refused'>) => {
    const { ctx } = await loadPageContext(request, deps);
    const editions = await actions.listEditions();
    const worsenings = new Map<string, Worsening[]>();
    for (const edition of editions) {
      if (edition.status === 'draft') worsenings.set(`${edition.serviceSlug}/${edition.key}`, await actions.findEditionWorsenings({ service: edition.serviceSlug, edition: edition.key }));
    }
    return sendHtml(reply, AdminEditionsPage({ ctx, csrfToken: reply.generateCsrf(), editions, worsenings, canChange: canChange(request), ...extra }), status);
  };

  scope.get<{ Querystring: { fatto?: string } }>('/admin/edizioni', async (request, reply) => {
    const done = typeof request.query.fatto === 'string' ? request.query.fatto : undefined;
    return showPage(request, reply, 200, done === undefined ? {} : { done });
  });

  /** Runs a step for the signed-in account; redirects with what was done, or shows why it was refused. */
  const step = (done: string, run: (fields: Record<string, string>, request: FastifyRequest) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = fieldsOf(request.body);
    try {
      await run(fields, request);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showPage(request, reply, 422, { refused: { service: fields.service ?? '', edition: fields.edition ?? '', message: error.message, fields } });
    }
    return reply.redirect(`${localePath(locale, '/admin/edizioni')}?fatto=${done}`, 303);
  };
  const actor = (request: FastifyRequest) => {
    if (request.actor === undefined) throw new Error('an admitted back-office form without an actor');
    return request.actor;
  };

  scope.post('/admin/edizioni/approva', csrf, step('approved', (fields, request) =>
    actions.approveEdition(actor(request), {
      service: fields.service ?? '',
      edition: fields.edition ?? '',
      act: fields.act ?? '',
      ...(fields.inForceFrom ? { inForceFrom: fields.inForceFrom } : {}),
      justifications: justificationsOf(fields),
    }),
  ));
  scope.post('/admin/edizioni/pubblica', csrf, step('published', (fields, request) => actions.publishEdition(actor(request), { service: fields.service ?? '', edition: fields.edition ?? '' })));
  scope.post('/admin/edizioni/ritira', csrf, step('withdrawn', (fields, request) =>
    actions.withdrawEdition(actor(request), { service: fields.service ?? '', edition: fields.edition ?? '', reason: fields.reason ?? '' }),
  ));
  scope.post('/admin/edizioni/nuova', csrf, step('started', (fields, request) => {
    const year = Number(fields.year);
    if (!/^\d{4}$/.test(fields.year ?? '')) throw new UserError(`"${fields.year ?? ''}" is not a year`, { field: 'year' });
    return actions.startEdition(actor(request), { service: fields.service ?? '', year });
  }));
}
