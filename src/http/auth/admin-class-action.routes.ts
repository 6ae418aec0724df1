import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClassActionValidationError } from '../../actions/class-action.action.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminClassActionPage, CASE_FORM_FIELDS, CORRECT_FORM_FIELDS, PUBLICATION_FORM_FIELDS, STATUS_FORM_FIELDS, WITHDRAW_FORM_FIELDS, type AdminClassActionPageProps, type ClassActionTypedForm } from '../pages/admin-class-action.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf, routeAdmits } from './admin-forms.ts';

/** The actions the class-action page calls. */
export type ClassActionAdminActions = Required<Pick<SiteDeps['actions'], 'listClassActions' | 'recordClassActionCase' | 'addClassActionPublication' | 'setClassActionStatus' | 'correctClassActionCase' | 'withdrawClassActionPublication'>>;

function valuesOf<F extends string>(body: unknown, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((field) => [field, fieldOf(body, field)])) as Record<F, string>;
}

/**
 * /admin/class-action: the ricorsi per l'efficienza with their publications (every role reads), and the forms that
 * record a case, correct it and add a publication (quality office, administrator). A refused form answers 422 with what was typed
 * and each error beside its field.
 */
export function registerAdminClassActionRoutes(scope: FastifyInstance, deps: SiteDeps, actions: ClassActionAdminActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);
  const showPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Pick<AdminClassActionPageProps, 'done' | 'typed' | 'refused'> = {}) => {
    const [{ ctx }, listing, services] = await Promise.all([loadPageContext(request, deps), actions.listClassActions(), deps.actions.listServices()]);
    const canChange = routeAdmits('POST', '/admin/class-action/caso', request.session?.account.role);
    const choices = services.map(({ service }) => ({ slug: service.slug, name: service.name }));
    return sendHtml(reply, AdminClassActionPage({ ctx, csrfToken: reply.generateCsrf(), listing, services: choices, canChange, ...extra }), status);
  };
  /** Runs a form's action; a refusal re-shows the page (422) with the form as typed. */
  const submit = async (request: FastifyRequest, reply: FastifyReply, form: ClassActionTypedForm['form'], values: Record<string, string>, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      if (error instanceof ClassActionValidationError) return showPage(request, reply, 422, { typed: { form, values, errors: error.errors } });
      if (error instanceof UserError) return showPage(request, reply, 422, { refused: error.message });
      throw error;
    }
    return reply.redirect(`${localePath(locale, '/admin/class-action')}?fatto=${form}`, 303);
  };

  scope.get<{ Querystring: { fatto?: unknown } }>('/admin/class-action', async (request, reply) => {
    const done = (['case', 'publication', 'status', 'correct', 'withdraw'] as const).find((form) => form === request.query.fatto);
    return showPage(request, reply, 200, done === undefined ? {} : { done });
  });

  scope.post('/admin/class-action/caso', csrf, async (request, reply) => {
    const values = valuesOf(request.body, CASE_FORM_FIELDS);
    // The route table admits only signed-in accounts here, so there is an actor.
    return submit(request, reply, 'case', values, () => actions.recordClassActionCase(request.actor!, values));
  });

  scope.post('/admin/class-action/pubblicazione', csrf, async (request, reply) => {
    const values = valuesOf(request.body, PUBLICATION_FORM_FIELDS);
    return submit(request, reply, 'publication', values, () => actions.addClassActionPublication(request.actor!, values));
  });

  scope.post('/admin/class-action/stato', csrf, async (request, reply) => {
    const values = valuesOf(request.body, STATUS_FORM_FIELDS);
    return submit(request, reply, 'status', values, () => actions.setClassActionStatus(request.actor!, values));
  });

  scope.post('/admin/class-action/correzione', csrf, async (request, reply) => {
    const values = valuesOf(request.body, CORRECT_FORM_FIELDS);
    return submit(request, reply, 'correct', values, () => actions.correctClassActionCase(request.actor!, values));
  });

  scope.post('/admin/class-action/ritiro', csrf, async (request, reply) => {
    const values = valuesOf(request.body, WITHDRAW_FORM_FIELDS);
    return submit(request, reply, 'withdraw', values, () => actions.withdrawClassActionPublication(request.actor!, values));
  });
}
