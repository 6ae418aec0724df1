import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newTarget } from '../../test/factories.ts';
import type { Probe, ProbeOutcome } from '../domain/probes/probe.ts';
import { runAlertRound } from '../jobs/alert-scheduler.ts';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../jobs/alert-webhook.ts';
import { runProbesOnce } from '../jobs/probe-scheduler.ts';
import type { Database } from '../storage/database.ts';
import { addAlertRule, listAlertHistory, silenceAlertRule } from './alert-rules.action.ts';
import { claimAlertDeliveries, evaluateAlerts, recordAlertDelivery, sendAlertEmail, type AlertNotification } from './evaluate-alerts.action.ts';
import { createMailOutbox } from './mail-outbox.ts';
import { createSmtpTransport } from '../mail/smtp-mailer.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp.test-kit.ts';
import { storeKit, type KitIndicator } from './events.test-kit.ts';
import { getReport } from './get-report.action.ts';
import { addProbe } from './probe-registry.action.ts';
import { claimProbeRun, listActiveProbes, recordProbeOutcome } from './run-probe-slot.action.ts';

/** The portal's availability: ≥ 95 % of days, a day available when 90 % of its checks pass. */
const PORTAL: KitIndicator = {
  slug: 'portale',
  target: newTarget({ text: '95%', comparator: '>=', value: 95, unit: 'percent' }),
  measure: { kind: 'availability-days', checks: { kind: 'check.http', where: [{ attribute: 'monitor', op: '=', value: 'portale' }] }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
};
const NOW = new Date('2026-03-10T15:00:00Z');
const SECRET = 'a-secret-for-tests-only';

/** The portal under watch: up or down as the test says. */
let portalUp = true;
let portal: Server;
let portalUrl: string;
/** The webhook receiver: what it got, and whether it answers 200 or 500. */
let received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiverFails = false;
let receiver: Server;
let receiverUrl: string;
let smtp: TestSmtpServer;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  portal = createServer((_req, res) => res.writeHead(portalUp ? 200 : 503).end(portalUp ? 'Benvenuti' : 'Servizio non disponibile'));
  portalUrl = await listen(portal);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(receiverFails ? 500 : 200).end();
    });
  });
  receiverUrl = await listen(receiver);
  smtp = await startTestSmtpServer();
});

beforeEach(() => {
  received = [];
  receiverFails = false;
  portalUp = true;
});

afterAll(async () => {
  await smtp.close();
  for (const server of [portal, receiver]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** The application as `misura serve` wires it, at the instant `now`, its mail going to the test SMTP server. */
function appAt(database: Database, now: Date) {
  const deps = { database, now: () => now };
  const mail = createMailOutbox(createSmtpTransport({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, password: null, from: 'misura@comune.example' }), () => undefined);
  return {
    listActiveProbes: () => listActiveProbes(deps),
    claimProbeRun: (probe: Probe, slot: Date) => claimProbeRun(deps, probe, slot),
    recordProbeOutcome: (probe: Probe, slot: Date, outcome: ProbeOutcome) => recordProbeOutcome(deps, probe, slot, outcome),
    evaluateAlerts: () => evaluateAlerts({ ...deps, getReport: (request) => getReport(deps, request) }),
    claimAlertDeliveries: () => claimAlertDeliveries(deps),
    recordAlertDelivery: (notification: AlertNotification, error: string | null) => recordAlertDelivery(deps, notification, error),
    sendAlertEmail: (notification: AlertNotification, to: string) => sendAlertEmail({ mail }, notification, to),
  };
}

/** Runs the portal's probe at 09:00, 10:00… of each day, through the real check of the local portal. */
async function probeDays(database: Database, days: { date: string; up: boolean }[], hours = 4): Promise<void> {
  for (const { date, up } of days) {
    portalUp = up;
    for (let hour = 0; hour < hours; hour += 1) {
      const at = new Date(`${date}T${String(8 + hour).padStart(2, '0')}:00:00Z`);
      await runProbesOnce(appAt(database, NOW), { now: () => at });
    }
  }
}

/** The messages the receiver got whose signature holds, parsed. */
function verifiedMessages(): { rule: string; subject: string; change: string; summary: string }[] {
  return received.map(({ headers, body }) => {
    const timestamp = String(headers[TIMESTAMP_HEADER]);
    expect(headers[SIGNATURE_HEADER]).toBe(signWebhook(SECRET, timestamp, body));
    return JSON.parse(body) as { rule: string; subject: string; change: string; summary: string };
  });
}

describeEachDialect('alerts', (ctx) => {
  it('tells a webhook, signed, when the portal goes down and burns its budget, once, and again when it is back', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => NOW };
    const service = await storeKit(database, [PORTAL]);
    await addProbe(deps, { name: 'portale', target: portalUrl, interval: '60', retries: '0' });
    await addAlertRule(deps, { name: 'budget', when: 'burn-rate:*', webhook: receiverUrl, secret: SECRET });
    await addAlertRule(deps, { name: 'giu', when: 'probe-down:portale:3', webhook: receiverUrl, secret: SECRET });
    // Up from 1 to 8 March, down on 9 and 10 March.
    const march = Array.from({ length: 10 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, up: i < 8 }));
    await probeDays(database, march);

    // The indicator reads the probe's checks: 8 available days of 9 judged (today is not judged yet).
    const [report] = await getReport(deps, { year: 2026, granularity: 'month' });
    expect(report?.year).toMatchObject({ numerator: 8, denominator: 9 });

    const app = appAt(database, NOW);
    expect(await runAlertRound(app)).toBe(2);
    expect(verifiedMessages().map(({ rule, subject, change }) => ({ rule, subject, change }))).toEqual([
      { rule: 'budget', subject: `${service}/portale`, change: 'firing' },
      { rule: 'giu', subject: 'portale', change: 'firing' },
    ]);
    expect(verifiedMessages()[0]?.summary).toMatch(/spends its error budget .* too fast over 30 days/);
    // Nothing changed: nothing new is sent.
    expect(await runAlertRound(app)).toBe(0);
    expect(received).toHaveLength(2);

    // Back up this afternoon: the probe-down alert resolves (the budget still burns over the last 3 days).
    portalUp = true;
    for (const hour of [12, 13, 14]) await runProbesOnce(app, { now: () => new Date(`2026-03-10T${hour}:00:00Z`) });
    received = [];
    expect(await runAlertRound(app)).toBe(1);
    expect(verifiedMessages().map(({ rule, change }) => ({ rule, change }))).toEqual([{ rule: 'giu', change: 'resolved' }]);
    expect((await listAlertHistory(deps)).map((item) => [item.rule, item.change, item.outcome])).toEqual([
      ['giu', 'resolved', 'sent'],
      ['giu', 'firing', 'sent'],
      ['budget', 'firing', 'sent'],
    ]);
  });

  it('retries a delivery the receiver refused, with back-off, and gives up after five attempts', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => NOW };
    await storeKit(database, [PORTAL]);
    await addProbe(deps, { name: 'portale', target: portalUrl, interval: '60', retries: '0' });
    await addAlertRule(deps, { name: 'giu', when: 'probe-down:portale:1', webhook: receiverUrl, secret: SECRET });
    await probeDays(database, [{ date: '2026-03-10', up: false }], 1);
    receiverFails = true;
    let at = NOW;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await runAlertRound(appAt(database, at))).toBe(0);
      const [latest] = await listAlertHistory(deps);
      if (attempt < 5) {
        // Not due again before its back-off is over.
        expect(await claimAlertDeliveries({ database, now: () => new Date(at.getTime() + 1000) })).toEqual([]);
        const next = (await database.db.selectFrom('alert_notifications').select('next_attempt_at').executeTakeFirstOrThrow()).next_attempt_at;
        waits.push(Date.parse(next ?? '') - at.getTime());
        at = new Date(Date.parse(next ?? ''));
      }
      expect(latest).toMatchObject({ attempts: attempt, outcome: attempt < 5 ? 'pending' : 'failed', error: 'the receiver answered 500' });
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(received).toHaveLength(5);
  });

  it('sends an alert by e-mail through the SMTP settings, and says so when it cannot', async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => NOW };
    await storeKit(database, [PORTAL]);
    await addProbe(deps, { name: 'portale', target: portalUrl, interval: '60', retries: '0' });
    await addAlertRule(deps, { name: 'giu', when: 'probe-down:portale:1', email: 'reperibile@comune.example' });
    await expect(addAlertRule(deps, { name: 'x', when: 'standard:*', email: 'nessuno' })).rejects.toThrow(/field "email"/);
    await probeDays(database, [{ date: '2026-03-10', up: false }], 1);
    const before = smtp.mails.length;
    expect(await runAlertRound(appAt(database, NOW))).toBe(1);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail).toMatchObject({ to: ['reperibile@comune.example'], subject: '[misura] allerta: portale' });
    expect(mail?.text).toContain('probe portale is down: its last 1 checks failed (status 503)');
    expect((await listAlertHistory(deps))[0]).toMatchObject({ outcome: 'sent', attempts: 1 });
  });

  it('records but does not send while a rule is silenced, and two instances record a change once', async () => {
    const url = await ctx.freshUrl();
    const first = await ctx.open(url);
    const second = await ctx.open(url);
    const deps = { database: first, now: () => NOW };
    await storeKit(first, [PORTAL]);
    await addProbe(deps, { name: 'portale', target: portalUrl, interval: '60', retries: '0' });
    await addAlertRule(deps, { name: 'giu', when: 'probe-down:portale:1', webhook: receiverUrl, secret: SECRET });
    await silenceAlertRule(deps, 'giu', new Date(NOW.getTime() + 3_600_000));
    await probeDays(first, [{ date: '2026-03-10', up: false }], 1);
    // Several instances share a PostgreSQL database; on SQLite the two connections of one process (better-sqlite3
    // is synchronous) would wait on each other's open transaction, so there they take turns.
    const instances = [appAt(first, NOW), appAt(second, NOW)];
    const counts =
      ctx.dialect === 'postgres'
        ? await Promise.all(instances.map((instance) => instance.evaluateAlerts()))
        : [await instances[0]!.evaluateAlerts(), await instances[1]!.evaluateAlerts()];
    expect(counts.sort()).toEqual([0, 1]);
    expect(await runAlertRound(appAt(first, NOW))).toBe(0);
    expect(received).toEqual([]);
    expect((await listAlertHistory(deps)).map((item) => [item.change, item.outcome])).toEqual([['firing', 'silenced']]);
  });
});
