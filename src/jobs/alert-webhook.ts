import { createHmac } from 'node:crypto';
import type { AlertChannel } from '../domain/alerts/alert-rule.ts';

export interface AlertMessage {
  id: number;
  rule: string;
  subject: string;
  change: string;
  summary: string;
  at: string;
}

const TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = 'x-misura-signature';
export const TIMESTAMP_HEADER = 'x-misura-timestamp';

/**
 * The signature a receiver recomputes: HMAC-SHA256 with the rule's secret over "<timestamp>.<body>", hex, prefixed
 * "sha256=" (as GitHub and Stripe sign theirs). The timestamp lets the receiver refuse an old message replayed.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Posts one alert to a webhook: null when the receiver answered 2xx, else why not. */
export async function sendWebhook(channel: Extract<AlertChannel, { kind: 'webhook' }>, message: AlertMessage, now: Date = new Date()): Promise<string | null> {
  const body = JSON.stringify(message);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    const response = await fetch(channel.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'misura-alerts/1', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(channel.secret, timestamp, body) },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok ? null : `the receiver answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return cause ?? (error instanceof Error ? error.message : String(error));
  }
}
