import type { AlertDelivery, AlertNotification } from '../actions/evaluate-alerts.action.ts';
import { sendWebhook } from './alert-webhook.ts';
import { startRepeating, type RepeatingLoop } from './repeat-loop.ts';

/** What the alert loop needs of the application (src/actions/evaluate-alerts.action.ts). */
export interface AlertSchedulerActions {
  evaluateAlerts(): Promise<number>;
  claimAlertDeliveries(): Promise<AlertDelivery[]>;
  recordAlertDelivery(notification: AlertNotification, error: string | null): Promise<void>;
  sendAlertEmail(notification: AlertNotification, to: string): Promise<string | null>;
}

export interface AlertSchedulerOptions {
  /** Between two rounds. Default 60 s. */
  everyMs?: number;
  onError?: (error: unknown) => void;
}

/** One round: notice changes, then send what is due (new notifications and retries). Returns how many were sent. */
export async function runAlertRound(actions: AlertSchedulerActions): Promise<number> {
  await actions.evaluateAlerts();
  let sent = 0;
  for (const { notification, rule } of await actions.claimAlertDeliveries()) {
    const { channel } = rule;
    const error =
      channel.kind === 'webhook'
        ? await sendWebhook(channel, { id: notification.id, rule: notification.rule, subject: notification.subject, change: notification.change, summary: notification.summary, at: notification.at })
        : await actions.sendAlertEmail(notification, channel.to);
    await actions.recordAlertDelivery(notification, error);
    if (error === null) sent += 1;
  }
  return sent;
}

/** Runs alert rounds inside `misura serve`, one at a time, until stopped. */
export function startAlertScheduler(actions: AlertSchedulerActions, options: AlertSchedulerOptions = {}): RepeatingLoop {
  return startRepeating(() => runAlertRound(actions), options.everyMs ?? 60_000, options.onError);
}
