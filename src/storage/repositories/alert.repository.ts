import type { Selectable } from 'kysely';
import type { AlertChannel, AlertCondition, AlertRule } from '../../domain/alerts/alert-rule.ts';
import { fromJsonColumn, toJsonColumn } from '../json-column.ts';
import type { AlertNotificationsTable, AlertRulesTable, Queryable } from '../schema.ts';

export type AlertChange = 'firing' | 'resolved' | 'test';
export type NotificationOutcome = 'pending' | 'sent' | 'failed' | 'silenced';

export interface AlertNotification {
  id: number;
  rule: string;
  subject: string;
  change: AlertChange;
  summary: string;
  at: string;
  outcome: NotificationOutcome;
  attempts: number;
  error: string | null;
}

function ruleFromRow(row: Selectable<AlertRulesTable>): AlertRule {
  return { name: row.name, condition: fromJsonColumn<AlertCondition>(row.condition_json), channel: fromJsonColumn<AlertChannel>(row.channel_json), silencedUntil: row.silenced_until };
}

function notificationFromRow(row: Selectable<AlertNotificationsTable>): AlertNotification {
  return { id: row.id, rule: row.rule, subject: row.subject, change: row.change as AlertChange, summary: row.summary, at: row.at, outcome: row.outcome as NotificationOutcome, attempts: row.attempts, error: row.error };
}

/** Stores a rule; 'exists' when the name is taken. */
export async function insertAlertRule(db: Queryable, rule: AlertRule, at: string): Promise<'added' | 'exists'> {
  const inserted = await db
    .insertInto('alert_rules')
    .values({ name: rule.name, condition_json: toJsonColumn(rule.condition), channel_json: toJsonColumn(rule.channel), silenced_until: rule.silencedUntil, created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return inserted === undefined ? 'exists' : 'added';
}

export async function listAlertRules(db: Queryable): Promise<AlertRule[]> {
  return (await db.selectFrom('alert_rules').selectAll().orderBy('name').execute()).map(ruleFromRow);
}

export async function findAlertRule(db: Queryable, name: string): Promise<AlertRule | undefined> {
  const row = await db.selectFrom('alert_rules').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? undefined : ruleFromRow(row);
}

/** Removes a rule and its states; its history stays. False when there was none. */
export async function deleteAlertRule(db: Queryable, name: string): Promise<boolean> {
  await db.deleteFrom('alert_states').where('rule', '=', name).execute();
  const result = await db.deleteFrom('alert_rules').where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setAlertSilence(db: Queryable, name: string, until: string | null): Promise<boolean> {
  const result = await db.updateTable('alert_rules').set({ silenced_until: until }).where('name', '=', name).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The subjects of a rule that are firing now. */
export async function findFiringSubjectsOf(db: Queryable, rule: string): Promise<Set<string>> {
  const rows = await db.selectFrom('alert_states').select('subject').where('rule', '=', rule).where('firing', '=', 1).execute();
  return new Set(rows.map((row) => row.subject));
}

/**
 * Moves a subject of a rule to firing (true) or not: true when this call made the change, false when it was so
 * already (another instance noticed first). Only the caller that made the change notifies.
 */
export async function switchAlertState(db: Queryable, rule: string, subject: string, firing: boolean, at: string): Promise<boolean> {
  const value = firing ? 1 : 0;
  const updated = await db.updateTable('alert_states').set({ firing: value, since: at }).where('rule', '=', rule).where('subject', '=', subject).where('firing', '=', 1 - value).executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return true;
  if (!firing) return false;
  const inserted = await db
    .insertInto('alert_states')
    .values({ rule, subject, firing: 1, since: at })
    .onConflict((oc) => oc.columns(['rule', 'subject']).doNothing())
    .returning('rule')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertAlertNotification(db: Queryable, notification: Omit<AlertNotification, 'id' | 'attempts' | 'error'>): Promise<number> {
  const row = await db
    .insertInto('alert_notifications')
    .values({ ...notification, attempts: 0, next_attempt_at: notification.outcome === 'pending' ? notification.at : null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes the pending notifications due at `now` for this instance: each is pushed `leaseMs` ahead first, so another
 * instance does not send it meanwhile; a crash leaves it to be sent again once the lease is over.
 */
export async function claimDueNotifications(db: Queryable, now: string, leaseUntil: string, limit: number): Promise<AlertNotification[]> {
  const due = await db.selectFrom('alert_notifications').selectAll().where('outcome', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('id').limit(limit).execute();
  const claimed: AlertNotification[] = [];
  for (const row of due) {
    const taken = await db.updateTable('alert_notifications').set({ next_attempt_at: leaseUntil }).where('id', '=', row.id).where('next_attempt_at', '=', row.next_attempt_at).executeTakeFirst();
    if (taken.numUpdatedRows > 0n) claimed.push(notificationFromRow(row));
  }
  return claimed;
}

/** Records an attempt: sent, or failed with the next attempt's time (null: no more attempts). */
export async function recordNotificationAttempt(db: Queryable, id: number, result: { sent: true } | { sent: false; error: string; retryAt: string | null }): Promise<void> {
  await db
    .updateTable('alert_notifications')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      outcome: result.sent ? 'sent' : result.retryAt === null ? 'failed' : 'pending',
      next_attempt_at: result.sent ? null : result.retryAt,
      error: result.sent ? null : result.error,
    }))
    .where('id', '=', id)
    .execute();
}

/** The alert history, newest first. */
export async function listAlertNotifications(db: Queryable, limit: number): Promise<AlertNotification[]> {
  return (await db.selectFrom('alert_notifications').selectAll().orderBy('id', 'desc').limit(limit).execute()).map(notificationFromRow);
}
