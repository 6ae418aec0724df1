import type { FastifyInstance } from 'fastify';
import type { SiteDeps } from '../site-settings.ts';

/** Rejects after `ms`, so a hanging database makes /readyz fail fast instead of hanging the probe. */
function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** /healthz: the process answers. /readyz: the database answers too. Neither says why it failed: the log does. */
export function registerHealthRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const limit = timeout(deps.settings.readinessTimeoutMs);
    try {
      await Promise.race([deps.actions.checkDatabase(), limit.promise]);
      return reply.send({ status: 'ready' });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed: the database does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    } finally {
      limit.cancel();
    }
  });
}
