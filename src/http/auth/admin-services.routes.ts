import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProfileValidationError, type ServiceProfileView } from '../../actions/service-profile.action.ts';
import { cardValuesOf, PROFILE_FIELDS, profileInputOf, type ProfileFieldError, type ProfileInput } from '../../domain/services/service-profile.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { PageNotFoundError } from '../page-errors.ts';
import { AdminServiceProfilePage, AdminServicesPage } from '../pages/admin-services.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf, routeAdmits } from './admin-forms.ts';

/** The actions the services pages call (with listServices, which every site has). */
export type ServiceProfileActions = Required<Pick<SiteDeps['actions'], 'readServiceProfile' | 'saveServiceProfile'>>;

/** The profile fields of a form body, as typed. */
function profileInputOfBody(body: unknown): ProfileInput {
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, fieldOf(body, field)])) as ProfileInput;
}

/**
 * /admin/servizi: the services (every role reads them), and the form that sets what the back office says about one over
 * its card (quality office, administrator). A refused form answers 422 with the typed values and each error beside its field.
 */
export function registerAdminServiceRoutes(scope: FastifyInstance, deps: SiteDeps, actions: ServiceProfileActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);

  const showList = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: { saved?: string; refused?: string } = {}) => {
    const [{ ctx }, services] = await Promise.all([loadPageContext(request, deps), deps.actions.listServices()]);
    const canEdit = routeAdmits('GET', '/admin/servizi/modifica', request.session?.account.role);
    return sendHtml(reply, AdminServicesPage({ ctx, services, canEdit, ...extra }), status);
  };
  const showForm = async (request: FastifyRequest, reply: FastifyReply, view: ServiceProfileView, status: number, typed?: { values: ProfileInput; errors: readonly ProfileFieldError[] }) => {
    const { ctx } = await loadPageContext(request, deps);
    return sendHtml(
      reply,
      AdminServiceProfilePage({
        ctx,
        csrfToken: reply.generateCsrf(),
        service: { slug: view.card.slug, name: view.effective.service.name },
        values: typed?.values ?? profileInputOf(view.profile),
        cardValues: cardValuesOf(view.card),
        errors: typed?.errors ?? [],
        lastChange: view.updatedBy === null || view.updatedAt === null ? null : { by: view.updatedBy, at: view.updatedAt },
      }),
      status,
    );
  };

  scope.get<{ Querystring: { fatto?: unknown; servizio?: unknown } }>('/admin/servizi', async (request, reply) => {
    if (request.query.fatto !== 'saved' || typeof request.query.servizio !== 'string') return showList(request, reply, 200);
    const slug = request.query.servizio;
    const saved = (await deps.actions.listServices()).find((listing) => listing.service.slug === slug);
    return showList(request, reply, 200, saved === undefined ? {} : { saved: saved.service.name });
  });

  scope.get<{ Querystring: { servizio?: unknown } }>('/admin/servizi/modifica', async (request, reply) => {
    const slug = request.query.servizio;
    if (typeof slug !== 'string' || slug.trim() === '') {
      const { ctx } = await loadPageContext(request, deps);
      return showList(request, reply, 200, { refused: ctx.messages.profileChooseService });
    }
    let view: ServiceProfileView;
    try {
      view = await actions.readServiceProfile(slug);
    } catch (error) {
      if (error instanceof UserError) throw new PageNotFoundError(`service "${slug}"`);
      throw error;
    }
    return showForm(request, reply, view, 200);
  });

  scope.post('/admin/servizi/salva', csrf, async (request, reply) => {
    const slug = fieldOf(request.body, 'servizio');
    const values = profileInputOfBody(request.body);
    try {
      // The route table admits only signed-in accounts here, so there is an actor.
      await actions.saveServiceProfile(request.actor!, { service: slug, profile: values });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      let refused: UserError = error;
      if (error instanceof ProfileValidationError) {
        // The fields are checked before the service is looked up: an unknown service is said on the list instead.
        try {
          return await showForm(request, reply, await actions.readServiceProfile(slug), 422, { values, errors: error.errors });
        } catch (lookup) {
          if (!(lookup instanceof UserError)) throw lookup;
          refused = lookup;
        }
      }
      return showList(request, reply, 422, { refused: refused.message });
    }
    return reply.redirect(`${localePath(locale, '/admin/servizi')}?fatto=saved&servizio=${encodeURIComponent(slug)}`, 303);
  });
}
