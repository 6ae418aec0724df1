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

/**
 * /healthz: the process answers. /readyz: the database answers too (else 503; the log says why), and the body says
 * what is degraded without taking the site out of service: indicators whose days could not be computed (each page
 * says why) and whether results are being brought up to date.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const limit = timeout(deps.settings.readinessTimeoutMs);
    try {
      await Promise.race([deps.actions.checkDatabase(), limit.promise]);
      const faults = (await deps.actions.listIndicatorFaults?.()) ?? [];
      const catchUp = deps.actions.catchUpState?.() ?? { catchingUp: false, lastError: null };
      const degraded = faults.length > 0 || catchUp.lastError !== null;
      return reply.send({
        status: degraded ? 'degraded' : 'ready',
        catchingUp: catchUp.catchingUp,
        ...(catchUp.lastError === null ? {} : { catchUpError: catchUp.lastError }),
        faults,
      });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed: the database does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    } finally {
      limit.cancel();
    }
  });
}
