import type { FastifyInstance } from 'fastify';
import { checkDatabase } from '../../actions/check-database.action.ts';
import { createApiToken } from '../../actions/create-api-token.action.ts';
import { drainRollupQueue } from '../../actions/drain-rollup-queue.action.ts';
import { checkpointDatabase } from '../../actions/checkpoint-database.action.ts';
import { ingestEvents } from '../../actions/ingest-events.action.ts';
import { listCards } from '../../actions/list-cards.action.ts';
import { listIndicatorFaults } from '../../actions/list-indicator-faults.action.ts';
import { listOrganisations } from '../../actions/list-organisations.action.ts';
import { listServices } from '../../actions/list-services.action.ts';
import { listSources } from '../../actions/list-sources.action.ts';
import { createReportCache, type ReportCache } from '../../actions/report-cache.action.ts';
import { revokeApiToken } from '../../actions/revoke-api-token.action.ts';
import { verifyApiToken } from '../../actions/verify-api-token.action.ts';
import type { DialectContext } from '../../../test/dialects.ts';
import { buildApp, type AppOptions } from '../app.ts';
import type { SiteActions } from '../site-actions.ts';

/**
 * Test support for the API and operations routes: the real actions over a real database, wired as context.ts is
 * expected to wire them (getReport through the report cache, the data version, tokens and ingestion).
 */

export type TestDatabase = Awaited<ReturnType<DialectContext['openFresh']>>;

/** The site's actions over `database`, with the clock at `now()`. */
export function realSiteActions(database: TestDatabase, now: () => Date): { actions: SiteActions; reportCache: ReportCache } {
  const deps = { database, now };
  const reportCache = createReportCache(deps);
  return {
    reportCache,
    actions: {
      listOrganisations: () => listOrganisations(deps),
      listServices: () => listServices(deps),
      listCards: (filter) => listCards(deps, filter),
      getReport: (query) => reportCache.getReport(query),
      checkDatabase: () => checkDatabase(deps),
      readDataVersion: () => reportCache.readDataVersion(),
      listSources: () => listSources(deps),
      verifyApiToken: (token) => verifyApiToken(deps, token),
      ingestEvents: (rows, options) => ingestEvents(deps, rows, options),
      drainRollupQueue: () => drainRollupQueue(deps),
      checkpointDatabase: () => checkpointDatabase(deps),
      forgetDataVersion: () => reportCache.forgetDataVersion(),
      catchUpState: () => reportCache.catchUpState(),
      listIndicatorFaults: () => listIndicatorFaults(deps),
    },
  };
}

export interface ApiUnderTest {
  app: FastifyInstance;
  reportCache: ReportCache;
  /** A new token for `source`; returns the token to send. */
  tokenFor(source: string): Promise<string>;
  /** Revokes the token. */
  revoke(token: string): Promise<void>;
}

/** The whole app over `database` (no logs, no per-address limit unless asked). */
export function startApi(database: TestDatabase, now: () => Date, options: AppOptions = {}): ApiUnderTest {
  const { actions, reportCache } = realSiteActions(database, now);
  const app = buildApp(actions, { logger: false, now, rateLimitPerMinute: false, ...options });
  const ids = new Map<string, number>();
  return {
    app,
    reportCache,
    tokenFor: async (source) => {
      const created = await createApiToken({ database, now }, { source });
      ids.set(created.token, created.id);
      return created.token;
    },
    revoke: async (token) => {
      await revokeApiToken({ database, now }, ids.get(token) ?? -1);
    },
  };
}

/** One NDJSON body from event objects (or raw lines, given as strings). */
export function ndjson(...lines: (Record<string, unknown> | string)[]): string {
  return `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`;
}

/** POSTs a body to /api/v1/events with a bearer token. */
export function postEvents(app: FastifyInstance, token: string | undefined, body: string, contentType = 'application/x-ndjson') {
  return app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { 'content-type': contentType, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    payload: body,
  });
}
