import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HandRecordedIndicator } from '../../actions/hand-entry.action.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminRegistersPage, registerAnchorOf, type AdminRegistersPageProps, type RegisterFormValues } from '../pages/admin-registers.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf, fieldsOf, routeAdmits } from './admin-forms.ts';

/** The actions the registers page calls. */
export type RegisterActions = Required<Pick<SiteDeps['actions'], 'listHandRecordedIndicators' | 'recordHandEntry'>>;

const OUTCOMES = new Set(['recorded', 'corrected', 'unchanged']);
const ATTRIBUTE_PREFIX = 'attr.';

/** /admin/registri: the hand-recorded indicators with their latest entries, and the form that adds (or corrects) one. */
export function registerAdminRegisterRoutes(scope: FastifyInstance, deps: SiteDeps, actions: RegisterActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);
  const canChange = (request: FastifyRequest) => routeAdmits('POST', '/admin/registri/aggiungi', request.session?.account.role);
  const showPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Pick<AdminRegistersPageProps, 'done' | 'refused'> & { values?: RegisterFormValues | ((indicators: HandRecordedIndicator[]) => RegisterFormValues | undefined) }) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx }, indicators] = await Promise.all([loadPageContext(request, deps), actions.listHandRecordedIndicators({ year })]);
    const values = typeof extra.values === 'function' ? extra.values(indicators) : extra.values;
    const props: AdminRegistersPageProps = { ctx, csrfToken: reply.generateCsrf(), year, indicators, canChange: canChange(request) };
    if (extra.done !== undefined) props.done = extra.done;
    if (extra.refused !== undefined) props.refused = extra.refused;
    if (values !== undefined) props.values = values;
    return sendHtml(reply, AdminRegistersPage(props), status);
  };

  scope.get<{ Querystring: Record<string, unknown> }>('/admin/registri', async (request, reply) => {
    const query = request.query;
    const text = (name: string) => (typeof query[name] === 'string' ? query[name] : '');
    const done = OUTCOMES.has(text('fatto')) ? text('fatto') : undefined;
    // A correction: the listed entry's content fills its indicator's form; sent again, its id is the same.
    const correcting = text('correggi');
    return showPage(request, reply, 200, {
      ...(done === undefined ? {} : { done }),
      ...(correcting === '' ? {} : { values: (indicators: HandRecordedIndicator[]) => correctionValues(indicators, text('servizio'), text('indicatore'), correcting) }),
    });
  });

  scope.post('/admin/registri/aggiungi', csrf, async (request, reply) => {
    const fields = fieldsOf(request.body);
    const values: RegisterFormValues = {
      service: fieldOf(request.body, 'service'),
      indicator: fieldOf(request.body, 'indicator'),
      date: fieldOf(request.body, 'date'),
      subject: fieldOf(request.body, 'subject'),
      value: fieldOf(request.body, 'value'),
      evidence: fieldOf(request.body, 'evidence'),
      attributes: Object.fromEntries(Object.entries(fields).filter(([name]) => name.startsWith(ATTRIBUTE_PREFIX)).map(([name, value]) => [name.slice(ATTRIBUTE_PREFIX.length), value])),
      correcting: false,
    };
    try {
      const { service, indicator, date, subject, value, evidence, attributes } = values;
      const recorded = await actions.recordHandEntry(request.actor!, { service, indicator, year: currentYearOf(deps.settings), entry: { date, subject, value, evidence, attributes } });
      const anchor = registerAnchorOf(service, indicator);
      return await reply.redirect(`${localePath(locale, '/admin/registri')}?fatto=${recorded.outcome}#${anchor}`, 303);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return showPage(request, reply, 422, { refused: error.message, values });
    }
  });
}

/** The form values that correct a listed entry, or undefined when it is not listed (any more). */
function correctionValues(indicators: readonly HandRecordedIndicator[], service: string, indicator: string, eventId: string): RegisterFormValues | undefined {
  const item = indicators.find((i) => i.service.slug === service && i.indicator.slug === indicator);
  const entry = item?.latest.find((e) => e.id === eventId);
  if (item === undefined || entry === undefined) return undefined;
  const valueAttribute = item.form.valueAttribute ?? 'value';
  const text = (name: string) => {
    const value = entry.attributes[name];
    return value === undefined || value === null ? '' : String(value);
  };
  return {
    service,
    indicator,
    date: entry.localDate,
    subject: entry.subject ?? '',
    value: item.form.kind === 'snapshot' ? text(valueAttribute) : '',
    evidence: text('evidence'),
    attributes: Object.fromEntries(item.form.fields.map((field) => [field.attribute, text(field.attribute)])),
    correcting: true,
  };
}
