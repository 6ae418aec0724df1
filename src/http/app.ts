import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DEFAULT_HTTP_TIMEOUTS, parseBaseUrl, type AdministrationConfig, type HttpTimeouts } from '../config/config.ts';
import { DEFAULT_TIME_ZONE } from '../domain/calendar/index.ts';
import { UserError } from '../domain/shared/errors.ts';
import { apiRoutes, type ApiOptions } from './api/api.routes.ts';
import { registerAdminRoutes, type AdminOptions } from './auth/admin.routes.ts';
import { LOCALES, prefixOf } from './i18n/locale.ts';
import { openDataRoutes } from './opendata/opendata.routes.ts';
import { httpCache } from './ops/http-cache.ts';
import { IngestCounters } from './ops/ingest-counters.ts';
import { opsRoutes } from './ops/metrics.routes.ts';
import { PageNotFoundError } from './page-errors.ts';
import { ErrorPage, type ErrorKind } from './pages/error.page.tsx';
import { buildPageContext, sendHtml } from './render.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerHomeRoutes } from './routes/home.routes.ts';
import { diffidaRoutes, type DiffidaRouteOptions } from './routes/diffida.routes.ts';
import { registerIndicatorRoutes } from './routes/indicator.routes.ts';
import { registerInfoRoutes } from './routes/info.routes.ts';
import { registerLogoRoute } from './routes/logo.routes.ts';
import { registerPrivacyRoutes } from './routes/privacy.routes.ts';
import { registerServiceRoutes } from './routes/service.routes.ts';
import { registerTransparencyRoutes } from './routes/transparency.routes.ts';
import { registerCostRoutes } from './routes/costs.routes.ts';
import { satisfactionRoutes, satisfactionWidgetRoutes, voteLimitOf, type SatisfactionRouteOptions } from './routes/satisfaction.routes.ts';
import type { SiteActions } from './site-actions.ts';
import type { SiteDeps, SiteSettings } from './site-settings.ts';
import { safeHref } from './view/safe-href.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export { CONTENT_SECURITY_POLICY };

export interface AppOptions {
  /** Structured request logs (pino): true or a level; false in tests. Default "info". */
  logger?: boolean | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The administration's time zone (MISURA_TIME_ZONE). Default Europe/Rome. */
  timeZone?: string;
  /** The official accessibility statement (form.agid.gov.it); the footer links to it when given. */
  accessibilityStatementUrl?: string | null;
  /** Where users report accessibility problems. */
  contactEmail?: string | null;
  /** Requests per minute per client address; false turns the limit off. Default 300. */
  rateLimitPerMinute?: number | false;
  /** Set when a reverse proxy sits in front, so that client addresses (logs, rate limit) are the real ones. */
  trustProxy?: boolean;
  /** How long /readyz waits for the database. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** The JSON API's ingestion limits (body size, requests per token). */
  api?: Omit<ApiOptions, 'ingestCounters'>;
  /**
   * How long the server waits for a client (MISURA_HTTP_*_TIMEOUT): a request whose headers or body stall is answered
   * 408 and closed, instead of holding a connection for ever. Default DEFAULT_HTTP_TIMEOUTS.
   */
  timeouts?: HttpTimeouts;
  /** The back office's sessions and sign-in limits (served when the actions can authenticate). */
  admin?: Omit<AdminOptions, 'sendError'>;
  /** The public diffida form (served when the actions can send diffide): how many one address may send per hour. */
  diffida?: Omit<DiffidaRouteOptions, 'cookieSecure'>;
  /** MISURA_BASE_URL: absolute IRIs and links are built on it, never on the Host header. Default: from the request. */
  baseUrl?: string | null;
  /** The administration's settings (MISURA_PA_*, privacy): its name, logo and the privacy notice. */
  administration?: AdministrationConfig;
  /** "Mettiamoci la faccia" (served when the actions can record votes): votes per address per hour, who may frame the widget. */
  satisfaction?: SatisfactionRouteOptions;
}

const here = dirname(fileURLToPath(import.meta.url));
const bootstrapItaliaDist = join(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist');

function settingsOf(options: AppOptions): SiteSettings {
  // An explicit option (misura serve --accessibility-url, --contact-email) wins over the administration's settings.
  const accessibilityStatementUrl = options.accessibilityStatementUrl ?? options.administration?.accessibilityUrl ?? null;
  if (accessibilityStatementUrl !== null && safeHref(accessibilityStatementUrl)?.startsWith('https://') !== true) {
    throw new Error(`the accessibility statement URL must be an https:// address, got "${accessibilityStatementUrl}"`);
  }
  const contactEmail = options.contactEmail ?? options.administration?.email ?? null;
  if (contactEmail !== null && !/^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(contactEmail)) {
    throw new Error(`the contact e-mail must be an e-mail address, got "${contactEmail}"`);
  }
  return {
    now: options.now ?? (() => new Date()),
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    accessibilityStatementUrl,
    contactEmail,
    readinessTimeoutMs: options.readinessTimeoutMs ?? 2000,
    baseUrl: options.baseUrl === undefined || options.baseUrl === null ? null : parseBaseUrl(options.baseUrl),
    ...(options.administration === undefined ? {} : { administration: options.administration }),
  };
}

/**
 * The public site: server-rendered pages (Italian at "/", English at "/en/…"), static assets,
 * /healthz and /readyz. Pages work with no JavaScript and under a strict CSP.
 */
export function buildApp(actions: SiteActions, options: AppOptions = {}): FastifyInstance {
  const deps: SiteDeps = { actions, settings: settingsOf(options) };
  const logger = options.logger ?? 'info';
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const app = Fastify({
    logger: logger === false ? false : { level: logger === true ? 'info' : logger, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: () => randomUUID(),
    trustProxy: options.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
    // Node checks these every connectionsCheckingInterval (30 s by default, which would double a short timeout).
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      requestTimeout: timeouts.requestMs,
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4))),
    },
  });

  void app.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Same-origin assets only; nothing here needs to be embedded by other sites.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    return payload;
  });
  if (options.rateLimitPerMinute !== false) {
    void app.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 300,
      timeWindow: '1 minute',
      // Pages only: one page view loads several assets, offices share one address, and probes must never be refused.
      allowList: (request) => request.url.startsWith('/static/') || request.url === '/healthz' || request.url === '/readyz',
    });
  }

  // ETag/304 and rendered answers by data version: after the rate limit, before any route.
  void app.register(httpCache(deps));

  void app.register(fastifyStatic, { root: bootstrapItaliaDist, prefix: '/static/bootstrap-italia/', maxAge: '1d', index: false });
  void app.register(fastifyStatic, { root: join(here, 'static'), prefix: '/static/site/', maxAge: '1h', index: false, decorateReply: false });

  void app.register((scope, _opts, done) => {
    registerHealthRoutes(scope, deps);
    registerLogoRoute(scope, deps.settings.administration?.logoPath ?? null);
    done();
  });
  void app.register(openDataRoutes(deps));
  const ingestCounters = new IngestCounters();
  void app.register(apiRoutes(deps, { ...options.api, ingestCounters }), { prefix: '/api' });
  void app.register(opsRoutes(deps, { ingestCounters }));
  // The same pages in every language: Italian at "/", English at "/en/…", with the same path after the prefix.
  for (const locale of LOCALES) {
    void app.register(
      (scope, _opts, done) => {
        registerHomeRoutes(scope, deps);
        registerTransparencyRoutes(scope, deps);
        registerCostRoutes(scope, deps);
        registerServiceRoutes(scope, deps);
        registerIndicatorRoutes(scope, deps);
        registerInfoRoutes(scope, deps);
        registerPrivacyRoutes(scope, deps);
        done();
      },
      { prefix: prefixOf(locale) },
    );
  }

  const auth = actions as SiteActions & Required<Pick<SiteActions, 'authenticate' | 'resolveSession' | 'endSession'>>;
  if (actions.authenticate !== undefined && actions.resolveSession !== undefined && actions.endSession !== undefined) {
    const authActions = {
      authenticate: (credentials: Parameters<typeof auth.authenticate>[0]) => auth.authenticate(credentials),
      resolveSession: (token: string) => auth.resolveSession(token),
      endSession: (token: string) => auth.endSession(token),
    };
    registerAdminRoutes(app, deps, authActions, {
      ...options.admin,
      sendError: (request, reply, kind, statusCode) => sendErrorPage(request, reply, deps, kind, statusCode),
    });
  }

  // After the back office, whose cookie parser (on the root) the form's CSRF secret uses.
  if (actions.sendDiffida !== undefined && actions.findDiffidaReceipt !== undefined) {
    const diffidaActions = { sendDiffida: actions.sendDiffida.bind(actions), findDiffidaReceipt: actions.findDiffidaReceipt.bind(actions) };
    for (const locale of LOCALES) {
      void app.register(diffidaRoutes(deps, diffidaActions, locale, { ...options.diffida, ...(options.admin?.cookieSecure === undefined ? {} : { cookieSecure: options.admin.cookieSecure }) }), { prefix: prefixOf(locale) });
    }
  }

  if (actions.issueSatisfactionToken !== undefined && actions.recordSatisfactionVote !== undefined) {
    const satisfactionActions = { issueSatisfactionToken: actions.issueSatisfactionToken.bind(actions), recordSatisfactionVote: actions.recordSatisfactionVote.bind(actions) };
    const voteLimit = voteLimitOf(deps, options.satisfaction);
    for (const locale of LOCALES) {
      void app.register(satisfactionRoutes(deps, satisfactionActions, locale, voteLimit), { prefix: prefixOf(locale) });
      void app.register(satisfactionWidgetRoutes(deps, satisfactionActions, locale, voteLimit, options.satisfaction), { prefix: prefixOf(locale) });
    }
  }

  app.setNotFoundHandler(async (request, reply) => sendErrorPage(request, reply, deps, 'not-found', 404));
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof PageNotFoundError || error.validationContext === 'params') {
      return sendErrorPage(request, reply, deps, 'not-found', 404);
    }
    if (error.statusCode === 429) return sendErrorPage(request, reply, deps, 'too-many-requests', 429);
    if (error instanceof UserError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
      return sendErrorPage(request, reply, deps, 'bad-request', error instanceof UserError ? 400 : (error.statusCode ?? 400), error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendErrorPage(request, reply, deps, 'server-error', 500);
  });
  return app;
}

/**
 * Renders an error page. The header's organisation name is looked up for a 404, but never for a
 * 500: the database may be the very thing that failed.
 */
async function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SiteDeps,
  kind: ErrorKind,
  statusCode: number,
  detail?: string,
): Promise<FastifyReply> {
  let organisations: Awaited<ReturnType<SiteActions['listOrganisations']>> = [];
  if (kind !== 'server-error') {
    try {
      organisations = await deps.actions.listOrganisations();
    } catch (error) {
      request.log.warn({ err: error }, 'organisations unavailable for the error page');
    }
  }
  const ctx = buildPageContext(request, deps, organisations);
  return sendHtml(
    reply,
    ErrorPage({ ctx, kind, ...(detail === undefined ? {} : { detail }), ...(kind === 'server-error' ? { requestId: String(request.id) } : {}) }),
    statusCode,
  );
}
