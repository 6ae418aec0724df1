import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { newCard, newIndicator, newService, PUBLISH_NOW } from '../../../test/factories.ts';
import { openContext, type AppContext } from '../../context.ts';
import { ROLES } from '../../domain/accounts/role.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../mail/smtp.test-kit.ts';
import { buildApp, type AppOptions } from '../app.ts';
import { TEST_PASSWORD } from '../auth/admin.test-kit.ts';

export const DIFFIDA_SERVICE = newService({
  slug: 'anagrafe',
  name: 'Anagrafe',
  diffidaBody: { text: 'Direttore Generale dei servizi demografici', links: [{ text: 'PEC', href: 'mailto:demografici@pec.comune.example' }] },
});

/** A real context over a fresh SQLite file with one published card, every role's account, a test SMTP server, and the app. */
export async function openDiffidaApp(options: AppOptions = {}): Promise<{
  app: FastifyInstance;
  context: AppContext;
  smtp: TestSmtpServer;
  clock: { now: Date };
  close: () => Promise<void>;
}> {
  const smtp = await startTestSmtpServer();
  const url = join(mkdtempSync(join(tmpdir(), 'misura-diffida-')), 'misura.db');
  const clock = { now: new Date('2026-12-04T09:00:00Z') };
  const context = await openContext({ MISURA_DB_URL: url, ...smtp.env }, () => clock.now, { log: () => undefined });
  await context.actions.importCards(
    [newCard({ service: DIFFIDA_SERVICE, year: 2026, indicators: [newIndicator({ position: 1, slug: 'tempestivita', subdimension: 'Tempestività', description: 'Certificati rilasciati entro 5 giorni' }), newIndicator({ position: 2 })] })],
    PUBLISH_NOW,
  );
  for (const role of ROLES) await context.actions.addAccount({ kind: 'system', name: 'test' }, { email: `${role}@test.misura.invalid`, role, password: TEST_PASSWORD });
  const app = buildApp(context.actions, { logger: false, rateLimitPerMinute: false, now: () => clock.now, ...options });
  await app.ready();
  return {
    app,
    context,
    smtp,
    clock,
    close: async () => {
      await app.close();
      await context.close();
      await smtp.close();
    },
  };
}
