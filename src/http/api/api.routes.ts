import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { IngestCounters } from '../ops/ingest-counters.ts';
import type { SiteDeps } from '../site-settings.ts';
import { errorBody, sendApiError } from './api-errors.ts';
import { ErrorResponse } from './api-schemas.ts';
import { registerEventRoutes } from './events.routes.ts';
import { registerReadRoutes } from './read.routes.ts';

export interface ApiOptions {
  /** Largest body POST /api/v1/events accepts, in bytes; beyond it the answer is 413. Default 10 MiB. */
  ingestBodyLimitBytes?: number;
  /** Ingestion requests per minute per token; false for no limit. Default 120. */
  ingestRequestsPerMinute?: number | false;
  /** Where ingestion outcomes are counted for /metrics; give the same one to the ops routes. */
  ingestCounters?: IngestCounters;
}

export const DEFAULT_INGEST_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** Where the OpenAPI document and the browsable documentation are served. */
export const OPENAPI_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/** The site's strict Content-Security-Policy, but with inline styles allowed: for Swagger UI's pages only. */
export const SWAGGER_UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The JSON API, to register with prefix "/api": /api/v1/… (TypeBox schemas for every request and answer), the
 * OpenAPI 3.1 document at /api/openapi.json and Swagger UI at /api/docs. Errors are JSON, never HTML or stack traces.
 */
export function apiRoutes(deps: SiteDeps, options: ApiOptions = {}): FastifyPluginAsync {
  return async (scope) => {
    await scope.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'misura',
          version: '1',
          description:
            'Quality standards of public services (CIVIT delibere 88/2010 and 3/2012): services, the editions of their cards, indicators with their valori programmati, measured results, and event ingestion for the data stewards of each source.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A source token made with `misura tokens create <source>`.' } },
        },
        tags: [
          { name: 'services', description: 'The public services and their organisation' },
          { name: 'cards', description: 'The yearly editions of each service card' },
          { name: 'indicators', description: 'Indicators and valori programmati in force' },
          { name: 'results', description: 'Measured values judged against the standards' },
          { name: 'sources', description: 'The feeds of events and their freshness' },
          { name: 'events', description: 'Event ingestion (authenticated)' },
        ],
      },
      // Shared schemas keep their $id as their name in the document ("ErrorResponse", not "def-0").
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
    });
    await scope.register(swaggerUi, {
      routePrefix: '/docs',
      // Links in the page are absolute for "/api/docs" (no trailing slash): they need the API's own prefix.
      indexPrefix: scope.prefix,
      // No call to the public validator: the page must load nothing from other sites (CSP, privacy).
      uiConfig: { validatorUrl: null, deepLinking: false },
      // Swagger UI sets inline style attributes; only its own pages get 'unsafe-inline' for styles (never for
      // scripts). Every other page keeps the site's strict policy.
      staticCSP: SWAGGER_UI_CSP,
    });
    scope.addSchema(ErrorResponse);
    scope.setErrorHandler(sendApiError);
    scope.setNotFoundHandler((request, reply) => {
      void reply.code(404).send(errorBody(404, `no API route answers ${request.method} ${request.url.split('?')[0]} (see ${OPENAPI_PATH})`));
    });

    scope.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').send(scope.swagger()));

    await scope.register(
      (v1, _opts, done) => {
        registerReadRoutes(v1, deps);
        registerEventRoutes(v1, deps, {
          bodyLimitBytes: options.ingestBodyLimitBytes ?? DEFAULT_INGEST_BODY_LIMIT_BYTES,
          requestsPerMinute: options.ingestRequestsPerMinute ?? 120,
          counters: options.ingestCounters ?? new IngestCounters(),
        });
        done();
      },
      { prefix: '/v1' },
    );
  };
}
