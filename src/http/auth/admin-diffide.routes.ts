import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DIFFIDA_OUTCOMES, type DiffidaOutcome, type DiffidaStep } from '../../domain/diffide/diffida.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminDiffidaPage, AdminDiffidePage, DIFFIDA_REMINDER_DAYS, type AdminDiffidaPageProps } from '../pages/admin-diffide.page.tsx';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldsOf, routeAdmits } from './admin-forms.ts';

/** The actions the diffide pages call. */
export type DiffidaAdminActions = Required<Pick<SiteDeps['actions'], 'listDiffide' | 'listDueDiffide' | 'findDiffidaDetail' | 'recordDiffidaStep'>>;

const STEPS: readonly DiffidaStep[] = ['acknowledged', 'outcome', 'closed'];

/**
 * /admin/diffide: the queue with deadlines, days left and the overdue marked; /admin/diffide/scheda?numero= one
 * diffida with its history; POST /admin/diffide/esito records a step (audited, the claimant told by e-mail).
 */
export function registerAdminDiffidaRoutes(scope: FastifyInstance, deps: SiteDeps, actions: DiffidaAdminActions, locale: Locale): void {
  const canChange = (request: FastifyRequest) => routeAdmits('POST', '/admin/diffide/esito', request.session?.account.role);

  const showQueue = async (request: FastifyRequest, reply: FastifyReply, status: number, refused?: string) => {
    const [{ ctx }, diffide, due] = await Promise.all([loadPageContext(request, deps), actions.listDiffide(), actions.listDueDiffide(DIFFIDA_REMINDER_DAYS)]);
    const canOpen = routeAdmits('GET', '/admin/diffide/scheda', request.session?.account.role);
    return sendHtml(reply, AdminDiffidePage({ ctx, diffide, due, canOpen, ...(refused === undefined ? {} : { refused }) }), status);
  };

  scope.get('/admin/diffide', async (request, reply) => showQueue(request, reply, 200));

  const showCard = async (request: FastifyRequest, reply: FastifyReply, number: string, status: number, extra: Pick<AdminDiffidaPageProps, 'done' | 'refused'>) => {
    const [{ ctx }, diffida] = await Promise.all([loadPageContext(request, deps), actions.findDiffidaDetail(number)]);
    // A step refused for want of a diffida goes back to the queue, saying why.
    if (diffida === undefined && extra.refused !== undefined) return showQueue(request, reply, status, extra.refused);
    if (diffida === undefined) throw new PageNotFoundError(`diffida ${number}`);
    return sendHtml(reply, AdminDiffidaPage({ ctx, diffida, csrfToken: reply.generateCsrf(), canChange: canChange(request), ...extra }), status);
  };

  scope.get<{ Querystring: { numero?: unknown; fatto?: unknown } }>('/admin/diffide/scheda', async (request, reply) =>
    showCard(request, reply, typeof request.query.numero === 'string' ? request.query.numero : '', 200, request.query.fatto === '1' ? { done: true } : {}),
  );

  scope.post('/admin/diffide/esito', csrfCheckOf(scope), async (request, reply) => {
    const fields = fieldsOf(request.body);
    const number = fields.numero ?? '';
    if (request.actor === undefined) throw new Error('an admitted back-office form without an actor');
    try {
      const step = STEPS.find((s) => s === fields.step);
      if (step === undefined) throw new UserError('choose the step to record', { field: 'step' });
      const outcome: DiffidaOutcome | undefined = DIFFIDA_OUTCOMES.find((o) => o === fields.outcome);
      await actions.recordDiffidaStep(request.actor, {
        number,
        step,
        ...(outcome === undefined ? {} : { outcome }),
        ...(fields.measures ? { measures: fields.measures } : {}),
        ...(fields.note ? { note: fields.note } : {}),
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showCard(request, reply, number, 422, { refused: error.message });
    }
    return reply.redirect(`${localePath(locale, '/admin/diffide/scheda')}?numero=${encodeURIComponent(number)}&fatto=1`, 303);
  });
}
