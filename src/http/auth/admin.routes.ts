import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedSession } from '../../actions/authenticate.action.ts';
import type { Actor } from '../../domain/accounts/actor.ts';
import { localePath, prefixOf, splitLocale, type Locale } from '../i18n/locale.ts';
import { AdminDashboardPage } from '../pages/admin-dashboard.page.tsx';
import { AdminLoginPage } from '../pages/admin-login.page.tsx';
import type { ErrorKind } from '../pages/error.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';

/** A source with no event for longer than this is listed as silent on the dashboard. */
const SILENT_AFTER_SECONDS = 24 * 3600;
import { registerAdminAuditRoutes, type AuditActions } from './admin-audit.routes.ts';
import { registerAdminFeedRoutes, type FeedActions } from './admin-feeds.routes.ts';
import { registerAdminCardRoutes, type CardReviewActions } from './admin-cards.routes.ts';
import { registerAdminEditionRoutes, type EditionActions } from './admin-editions.routes.ts';
import { registerAdminServiceRoutes, type ServiceProfileActions } from './admin-services.routes.ts';
import { registerAdminRegisterRoutes, type RegisterActions } from './admin-registers.routes.ts';
import { registerAdminEvaluationRoutes, type EvaluationActions } from './admin-evaluation.routes.ts';
import { registerAdminDiffidaRoutes, type DiffidaAdminActions } from './admin-diffide.routes.ts';
import { registerAdminCostRoutes, type CostActions } from './admin-costs.routes.ts';
import { registerAdminSatisfactionRoutes, type SatisfactionAdminActions } from './admin-satisfaction.routes.ts';
import { registerAdminClassActionRoutes, type ClassActionAdminActions } from './admin-class-action.routes.ts';
import { DEFAULT_LOGIN_LIMITS, LoginAttempts, type LoginLimits } from './login-attempts.ts';
import { admits, findRouteAccess, isAdminPath } from './route-access.ts';
import { csrfCheckOf, fieldOf, routeAdmits } from './admin-forms.ts';


declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in to the back office (set by the session hook on /admin routes), else undefined. */
    actor?: Actor;
    session?: ResolvedSession;
  }
}

export interface AdminOptions {
  /** Secure cookies: "auto" (default) when the request came over https. */
  cookieSecure?: 'auto' | boolean;
  /** Session length in the cookie, in hours (the server ends it anyway). Default 12. */
  sessionHours?: number;
  loginLimits?: LoginLimits;
  /** Sends an error page (app.ts's). */
  sendError: (request: FastifyRequest, reply: FastifyReply, kind: ErrorKind, statusCode: number) => Promise<FastifyReply>;
}

/** The actions the back office calls. */
type AuthActions = Required<Pick<SiteDeps['actions'], 'authenticate' | 'resolveSession' | 'endSession'>>;

/**
 * The actions a group of back-office pages needs, when the site has every one of them (the whole app does; view tests
 * may not, and then those pages are not served).
 */
function actionsIfAll<K extends keyof SiteDeps['actions']>(actions: SiteDeps['actions'], names: readonly K[]): Required<Pick<SiteDeps['actions'], K>> | undefined {
  // Checked one by one, so the narrowing is sound.
  return names.every((name) => typeof actions[name] === 'function') ? (actions as unknown as Required<Pick<SiteDeps['actions'], K>>) : undefined;
}

function isSecure(request: FastifyRequest, setting: 'auto' | boolean): boolean {
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

/** The session cookie's name: with the __Host- prefix when secure (bound to this host, path /, Secure). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-misura_session' : 'misura_session';
}


/**
 * The back office under /admin (and /en/admin): session cookie → request.actor, the route table enforced on every
 * /admin route of the app by one onRequest hook (unlisted routes are refused to all), CSRF on every form, and the sign-in
 * with a uniform error and a per-address and per-email limit.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: SiteDeps, actions: AuthActions, options: AdminOptions): void {
  const cookieSecure = options.cookieSecure ?? 'auto';
  const attempts = new LoginAttempts(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, () => deps.settings.now().getTime());
  const maxAge = (options.sessionHours ?? 12) * 3600;
  const editionActions: EditionActions | undefined = actionsIfAll(deps.actions, ['listEditions', 'findEditionWorsenings', 'approveEdition', 'publishEdition', 'withdrawEdition', 'startEdition']);
  const cardActions: CardReviewActions | undefined = actionsIfAll(deps.actions, ['reviewCardUpload', 'reviewDraft', 'saveReviewedCards', 'saveDraftEdits']);
  const auditActions: AuditActions | undefined = actionsIfAll(deps.actions, ['listAuditLog', 'exportAuditLogCsv', 'verifyAuditLog']);
  const feedActions: FeedActions | undefined = actionsIfAll(deps.actions, ['listSources', 'listApiTokens', 'createApiToken', 'revokeApiToken']);
  const profileActions: ServiceProfileActions | undefined = actionsIfAll(deps.actions, ['readServiceProfile', 'saveServiceProfile']);
  const registerActions: RegisterActions | undefined = actionsIfAll(deps.actions, ['listHandRecordedIndicators', 'recordHandEntry']);
  const evaluationActions: EvaluationActions | undefined = actionsIfAll(deps.actions, ['getEvaluationDrillDown', 'streamDayEvents']);
  const diffidaActions: DiffidaAdminActions | undefined = actionsIfAll(deps.actions, ['listDiffide', 'listDueDiffide', 'findDiffidaDetail', 'recordDiffidaStep']);
  const costActions: CostActions | undefined = actionsIfAll(deps.actions, ['listServiceCosts', 'recordServiceCost']);
  const classActionActions: ClassActionAdminActions | undefined = actionsIfAll(deps.actions, ['listClassActions', 'recordClassActionCase', 'addClassActionPublication', 'setClassActionStatus', 'correctClassActionCase', 'withdrawClassActionPublication']);
  const satisfactionActions: SatisfactionAdminActions | undefined = actionsIfAll(deps.actions, ['summariseSatisfaction', 'listSatisfactionReasons']);

  // On the root, not in the back office's own scope: a route under /admin registered anywhere passes this hook.
  void app.register(cookie);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const { locale, path } = splitLocale(request.url);
    if (!isAdminPath(path.split('?', 1)[0] ?? path) || request.is404) return;
    void reply.header('cache-control', 'no-store');
    const token = request.cookies[sessionCookieName(isSecure(request, cookieSecure))] ?? '';
    const session = token === '' ? null : await actions.resolveSession(token);
    if (session !== null) {
      request.session = session;
      request.actor = session.actor;
    }
    const pattern = (request.routeOptions.url ?? '').slice(prefixOf(locale).length) || '/';
    const route = findRouteAccess(request.method === 'HEAD' ? 'GET' : request.method, pattern);
    // Not in the table: refused to everyone, signed in or not.
    if (route === undefined) return options.sendError(request, reply, 'forbidden', 403);
    if (admits(route.access, session?.account.role)) return;
    if (session === null) return reply.redirect(localePath(locale, '/admin/login'), route.kind === 'page' ? 302 : 303);
    return options.sendError(request, reply, 'forbidden', 403);
  });

  for (const locale of ['it', 'en'] as const satisfies readonly Locale[]) {
    const prefix = prefixOf(locale);
    void app.register(
      async (scope) => {
        await scope.register(formbody);
        // The CSRF secret's cookie is Secure exactly when the session's is.
        await scope.register(csrfProtection, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: cookieSecure } });

        const showLogin = async (request: FastifyRequest, reply: FastifyReply, status: number, error?: 'invalid' | 'too-many', email?: string) => {
          const { ctx } = await loadPageContext(request, deps);
          const csrfToken = reply.generateCsrf();
          return sendHtml(reply, AdminLoginPage({ ctx, csrfToken, ...(error === undefined ? {} : { error }), ...(email === undefined ? {} : { email }) }), status);
        };

        scope.get('/admin/login', async (request, reply) => {
          if (request.session !== undefined) return reply.redirect(localePath(locale, '/admin'), 302);
          return showLogin(request, reply, 200);
        });

        scope.post('/admin/login', csrfCheckOf(scope), async (request, reply) => {
          const email = fieldOf(request.body, 'email');
          const password = fieldOf(request.body, 'password');
          if (attempts.isBlocked(request.ip, email)) return showLogin(request, reply, 429, 'too-many', email);
          const opened = await actions.authenticate({ provider: 'local', email, password });
          if (opened === null) {
            attempts.recordFailure(request.ip, email);
            return showLogin(request, reply, 401, 'invalid', email);
          }
          attempts.recordSuccess(email);
          const secure = isSecure(request, cookieSecure);
          void reply.setCookie(sessionCookieName(secure), opened.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
          return reply.redirect(localePath(locale, '/admin'), 303);
        });

        scope.post('/admin/logout', csrfCheckOf(scope), async (request, reply) => {
          const secure = isSecure(request, cookieSecure);
          const name = sessionCookieName(secure);
          await actions.endSession(request.cookies[name] ?? '');
          void reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });
          return reply.redirect(localePath(locale, '/admin/login'), 303);
        });

        scope.get('/admin', async (request, reply) => {
          const { ctx } = await loadPageContext(request, deps);
          const year = currentYearOf(deps.settings);
          const [services, reports, sources] = await Promise.all([
            deps.actions.listServices(),
            deps.actions.getReport({ year, granularity: 'month' }),
            deps.actions.listSources?.() ?? Promise.resolve([]),
          ]);
          // A feed that sent before and nothing for a day: the quality office should know before a standard suffers.
          const silent = sources.filter((source) => (source.secondsSinceLastEvent ?? 0) > SILENT_AFTER_SECONDS);
          const account = request.session!.account;
          return sendHtml(reply, AdminDashboardPage({ ctx, csrfToken: reply.generateCsrf(), account, services, editions: editionActions !== undefined, upload: cardActions !== undefined && routeAdmits('GET', '/admin/carte/carica', account.role), audit: auditActions !== undefined && routeAdmits('GET', '/admin/registro', account.role), feeds: feedActions !== undefined && routeAdmits('GET', '/admin/flussi', account.role), profiles: profileActions !== undefined, registers: registerActions !== undefined, drillDown: evaluationActions !== undefined, diffide: diffidaActions !== undefined && routeAdmits('GET', '/admin/diffide', account.role), costs: costActions !== undefined, classActions: classActionActions !== undefined, satisfaction: satisfactionActions !== undefined && routeAdmits('GET', '/admin/soddisfazione', account.role), year, reports, silent }));
        });

        if (editionActions !== undefined) registerAdminEditionRoutes(scope, deps, editionActions, locale);
        if (cardActions !== undefined) registerAdminCardRoutes(scope, deps, cardActions, locale);
        if (auditActions !== undefined) registerAdminAuditRoutes(scope, deps, auditActions);
        if (feedActions !== undefined) registerAdminFeedRoutes(scope, deps, feedActions, locale);
        if (profileActions !== undefined) registerAdminServiceRoutes(scope, deps, profileActions, locale);
        if (registerActions !== undefined) registerAdminRegisterRoutes(scope, deps, registerActions, locale);
        if (satisfactionActions !== undefined) registerAdminSatisfactionRoutes(scope, deps, satisfactionActions);
        if (evaluationActions !== undefined) registerAdminEvaluationRoutes(scope, deps, evaluationActions);
        if (diffidaActions !== undefined) registerAdminDiffidaRoutes(scope, deps, diffidaActions, locale);
        if (costActions !== undefined) registerAdminCostRoutes(scope, deps, costActions, locale);
        if (classActionActions !== undefined) registerAdminClassActionRoutes(scope, deps, classActionActions, locale);
      },
      { prefix },
    );
  }
}
