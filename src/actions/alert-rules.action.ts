import type { Actor } from '../domain/accounts/actor.ts';
import { checkAlertRule, parseAlertCondition, type AlertChannel, type AlertRule } from '../domain/alerts/alert-rule.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import {
  deleteAlertRule,
  findAlertRule,
  insertAlertNotification,
  insertAlertRule,
  listAlertNotifications,
  listAlertRules as listStoredRules,
  setAlertSilence,
  type AlertNotification,
} from '../storage/repositories/alert.repository.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';

export interface AlertRulesDeps {
  database: Database;
  now?: () => Date;
}

/** A rule as written: `when` as parseAlertCondition reads it, and either a webhook with its secret or an e-mail address. */
export type AlertRuleInput = { name: string; when: string } & ({ webhook: string; secret: string } | { email: string });

const CLI_ACTOR: Actor = { kind: 'system', name: 'alerts' };

/** The rule as the audit log keeps it: never the webhook's secret. */
function audited(rule: AlertRule): unknown {
  return { ...rule, channel: rule.channel.kind === 'webhook' ? { kind: 'webhook', url: rule.channel.url } : rule.channel };
}

export async function addAlertRule(deps: AlertRulesDeps, input: AlertRuleInput, actor: Actor = CLI_ACTOR): Promise<AlertRule> {
  const channel: AlertChannel = 'email' in input ? { kind: 'email', to: input.email.trim() } : { kind: 'webhook', url: input.webhook.trim(), secret: input.secret };
  const rule = checkAlertRule({ name: input.name.trim(), condition: parseAlertCondition(input.when), channel, silencedUntil: null });
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    if ((await insertAlertRule(trx, rule, at)) === 'exists') throw new UserError(`an alert rule named "${rule.name}" exists already`, { field: 'name' });
    await appendAuditRecord(trx, actor, { action: 'alert-rule.add', entityType: 'alert-rule', entityKey: rule.name, before: null, after: audited(rule) }, at);
  });
  return rule;
}

export async function listAlertRules(deps: AlertRulesDeps): Promise<AlertRule[]> {
  return listStoredRules(deps.database.db);
}

export async function removeAlertRule(deps: AlertRulesDeps, name: string, actor: Actor = CLI_ACTOR): Promise<void> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    const before = await findAlertRule(trx, name);
    if (before === undefined || !(await deleteAlertRule(trx, name))) throw unknownRule(name);
    await appendAuditRecord(trx, actor, { action: 'alert-rule.remove', entityType: 'alert-rule', entityKey: name, before: audited(before), after: null }, at);
  });
}

/** Silences a rule until an instant (changes are still recorded, not sent), or ends the silence (null). */
export async function silenceAlertRule(deps: AlertRulesDeps, name: string, until: Date | null, actor: Actor = CLI_ACTOR): Promise<void> {
  const now = deps.now?.() ?? new Date();
  if (until !== null && until.getTime() <= now.getTime()) throw new UserError(`${until.toISOString()} is already past`, { field: 'until' });
  const at = now.toISOString();
  await deps.database.db.transaction().execute(async (trx) => {
    const before = await findAlertRule(trx, name);
    if (before === undefined || !(await setAlertSilence(trx, name, until?.toISOString() ?? null))) throw unknownRule(name);
    await appendAuditRecord(trx, actor, { action: 'alert-rule.silence', entityType: 'alert-rule', entityKey: name, before: { silencedUntil: before.silencedUntil }, after: { silencedUntil: until?.toISOString() ?? null } }, at);
  });
}

/** Queues a test notification on a rule's channel; the scheduler (or `misura alerts test`) sends it. */
export async function queueTestAlert(deps: AlertRulesDeps, name: string): Promise<number> {
  const rule = await findAlertRule(deps.database.db, name);
  if (rule === undefined) throw unknownRule(name);
  const at = (deps.now?.() ?? new Date()).toISOString();
  return insertAlertNotification(deps.database.db, { rule: name, subject: 'test', change: 'test', summary: `test of alert rule ${name}: if you read this, the channel works`, at, outcome: 'pending' });
}

/** The alert history, newest first. */
export async function listAlertHistory(deps: AlertRulesDeps, limit = 100): Promise<AlertNotification[]> {
  return listAlertNotifications(deps.database.db, limit);
}

function unknownRule(name: string): UserError {
  return new UserError(`no alert rule is named "${name}" (misura alerts list shows them)`, { field: 'name' });
}
