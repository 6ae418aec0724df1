import { findFiringSubjects, type AlertFacts, type IndicatorFacts } from '../domain/alerts/alert-conditions.ts';
import type { AlertRule } from '../domain/alerts/alert-rule.ts';
import { DEFAULT_BURN_WINDOWS } from '../domain/alerts/burn-rate.ts';
import { DEFAULT_WORK_CALENDAR, localDateOf, type WorkCalendar } from '../domain/calendar/index.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { effectiveTargetOf } from '../domain/measures/measure-target.ts';
import type { Database } from '../storage/database.ts';
import type { MailOutbox } from './mail-outbox.ts';
import {
  claimDueNotifications,
  findAlertRule,
  findFiringSubjectsOf,
  insertAlertNotification,
  listAlertRules,
  recordNotificationAttempt,
  switchAlertState,
  type AlertNotification,
} from '../storage/repositories/alert.repository.ts';
import { findRecentProbeRuns, listProbes } from '../storage/repositories/probe.repository.ts';
import { findRollups } from '../storage/repositories/rollup.repository.ts';
import { listSources } from './list-sources.action.ts';
import type { ReportRequest } from './get-report.action.ts';
import { loadMeasuredIndicators } from './rebuild-rollups.action.ts';

export type { AlertNotification };

export interface EvaluateAlertsDeps {
  database: Database;
  now?: () => Date;
  calendar?: WorkCalendar;
  /** The year's results (the server's cache): the status of every standard in force. */
  getReport: (request: ReportRequest) => Promise<IndicatorReport[]>;
}

/** Attempts of a notification before it is given up ("failed"); waits double from 30 s between them. */
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
/** How long a claimed notification is this instance's to send. */
const DELIVERY_LEASE_MS = 60_000;

/**
 * Looks at every rule's condition now and records each change (a subject starts or stops firing) once, with a
 * notification to send (or kept silent while the rule is silenced). Returns the notifications recorded. Several
 * instances may run it at once: only the one that switches a subject's state records its notification.
 */
export async function evaluateAlerts(deps: EvaluateAlertsDeps): Promise<number> {
  const { db } = deps.database;
  const rules = await listAlertRules(db);
  if (rules.length === 0) return 0;
  const now = deps.now?.() ?? new Date();
  const facts = await gatherFacts(deps, rules, now);
  let recorded = 0;
  for (const rule of rules) {
    const firing = new Map(findFiringSubjects(rule.condition, facts).map((item) => [item.subject, item.summary]));
    const wasFiring = await findFiringSubjectsOf(db, rule.name);
    const silenced = rule.silencedUntil !== null && rule.silencedUntil > now.toISOString();
    const changes = [
      ...[...firing].filter(([subject]) => !wasFiring.has(subject)).map(([subject, summary]) => ({ subject, firing: true, summary })),
      ...[...wasFiring].filter((subject) => !firing.has(subject)).map((subject) => ({ subject, firing: false, summary: `resolved: ${subject} is fine again` })),
    ];
    for (const change of changes) {
      const at = now.toISOString();
      const mine = await db.transaction().execute(async (trx) => {
        if (!(await switchAlertState(trx, rule.name, change.subject, change.firing, at))) return false;
        await insertAlertNotification(trx, { rule: rule.name, subject: change.subject, change: change.firing ? 'firing' : 'resolved', summary: change.summary, at, outcome: silenced ? 'silenced' : 'pending' });
        return true;
      });
      if (mine) recorded += 1;
    }
  }
  return recorded;
}

async function gatherFacts(deps: EvaluateAlertsDeps, rules: readonly AlertRule[], now: Date): Promise<AlertFacts> {
  const { db } = deps.database;
  const calendar = deps.calendar ?? DEFAULT_WORK_CALENDAR;
  const today = localDateOf(now, calendar.timeZone);
  const conditions = rules.map((rule) => rule.condition);
  const probeRuns = new Map<string, { ok: boolean; error: string | null }[]>();
  const probeRules = conditions.flatMap((condition) => (condition.kind === 'probe-down' ? [condition] : []));
  if (probeRules.length > 0) {
    const deepest = Math.max(...probeRules.map((condition) => condition.after));
    for (const probe of await listProbes(db)) {
      if (probe.paused || !probeRules.some((condition) => condition.probe === '*' || condition.probe === probe.name)) continue;
      probeRuns.set(probe.name, await findRecentProbeRuns(db, probe.name, deepest));
    }
  }
  const sources = conditions.some((condition) => condition.kind === 'feed-silent') ? await listSources({ database: deps.database, now: () => now }) : [];
  const indicators = conditions.some((condition) => condition.kind === 'standard' || condition.kind === 'burn-rate') ? await gatherIndicatorFacts(deps, today, calendar) : [];
  return { probeRuns, sources, indicators, today };
}

/** Every standard in force this year with its status, and the recent days of those a burn rate applies to. */
async function gatherIndicatorFacts(deps: EvaluateAlertsDeps, today: string, calendar: WorkCalendar): Promise<IndicatorFacts[]> {
  const reports = await deps.getReport({ year: Number(today.slice(0, 4)), granularity: 'month' });
  const measured = new Map((await loadMeasuredIndicators(deps.database.db, calendar)).map((item) => [`${item.serviceSlug}/${item.editionKey}/${item.indicator.slug}`, item]));
  const longest = Math.max(...DEFAULT_BURN_WINDOWS.map((window) => window.longDays));
  const from = new Date(`${today}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - longest);
  const facts: IndicatorFacts[] = [];
  for (const report of reports) {
    const item: IndicatorFacts = { service: report.service.slug, indicator: report.indicator.slug, status: report.year.status };
    const found = measured.get(`${report.service.slug}/${report.card.edition}/${report.indicator.slug}`);
    const target = found === undefined ? null : effectiveTargetOf(found.measure, found.indicator.target);
    // A budget is a share of good items: "≥ N %" of a ratio or of available days.
    if (found !== undefined && target !== null && target.comparator === '>=' && target.unit === 'percent' && target.value !== null && (found.measure.kind === 'ratio' || found.measure.kind === 'availability-days')) {
      const days = await findRollups(deps.database.db, found.indicatorId, from.toISOString().slice(0, 10), today);
      item.burn = { targetShare: target.value / 100, days: days.map((day) => ({ date: day.date, good: day.good, total: day.total })) };
    }
    facts.push(item);
  }
  return facts;
}

/** A notification to send now, with where to send it. */
export interface AlertDelivery {
  notification: AlertNotification;
  rule: AlertRule;
}

/** Takes the notifications due now for this instance (see claimDueNotifications), with their rules' channels. */
export async function claimAlertDeliveries(deps: { database: Database; now?: () => Date }, limit = 50): Promise<AlertDelivery[]> {
  const now = deps.now?.() ?? new Date();
  const claimed = await claimDueNotifications(deps.database.db, now.toISOString(), new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString(), limit);
  const deliveries: AlertDelivery[] = [];
  for (const notification of claimed) {
    const rule = await findAlertRule(deps.database.db, notification.rule);
    if (rule === undefined) await recordNotificationAttempt(deps.database.db, notification.id, { sent: false, error: 'the rule was removed', retryAt: null });
    else deliveries.push({ notification, rule });
  }
  return deliveries;
}

/** Sends one alert by e-mail through the SMTP settings: null when it went out, else why not. */
export async function sendAlertEmail(deps: { mail: MailOutbox }, notification: AlertNotification, to: string): Promise<string | null> {
  const subject = notification.change === 'resolved' ? `[misura] risolto: ${notification.subject}` : notification.change === 'test' ? '[misura] prova di allerta' : `[misura] allerta: ${notification.subject}`;
  const text = [`Regola: ${notification.rule}`, `Oggetto: ${notification.subject}`, `Stato: ${notification.change}`, `Quando: ${notification.at}`, '', notification.summary].join('\n');
  const sent = await deps.mail.sendNow({ to: [to], subject, text }, `alert ${notification.id} of rule ${notification.rule}`);
  return sent ? null : 'the e-mail could not be sent (see the server log; MISURA_SMTP_HOST)';
}

/** Records how sending went; a failure is retried later (30 s, 1 min, 2 min…) up to MAX_ATTEMPTS attempts. */
export async function recordAlertDelivery(deps: { database: Database; now?: () => Date }, notification: AlertNotification, error: string | null): Promise<void> {
  if (error === null) return recordNotificationAttempt(deps.database.db, notification.id, { sent: true });
  const now = deps.now?.() ?? new Date();
  const attempts = notification.attempts + 1;
  const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1)).toISOString();
  return recordNotificationAttempt(deps.database.db, notification.id, { sent: false, error, retryAt });
}
