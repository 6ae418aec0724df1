import { UserError } from '../shared/errors.ts';

/**
 * An alert rule: a condition watched on every subject it covers (a probe, a feed, an indicator) and where to say so
 * when a subject starts or stops meeting it. "*" covers every probe, feed or service.
 */
export type AlertCondition =
  /** The last `after` checks of a probe all failed. */
  | { kind: 'probe-down'; probe: string; after: number }
  /** A feed sent nothing for longer than `minutes`. */
  | { kind: 'feed-silent'; source: string; minutes: number }
  /** An indicator of the service is at risk or missed for the year. */
  | { kind: 'standard'; service: string }
  /** An indicator of the service spends its error budget too fast (see burn-rate.ts). */
  | { kind: 'burn-rate'; service: string };

/** Where notifications go: a webhook (chat, ticketing), signed; or an e-mail address, through the SMTP settings. */
export type AlertChannel = { kind: 'webhook'; url: string; secret: string } | { kind: 'email'; to: string };

export interface AlertRule {
  name: string;
  condition: AlertCondition;
  channel: AlertChannel;
  /** Until then, changes are recorded in the history but not sent. */
  silencedUntil: string | null;
}

export const ALERT_CONDITION_KINDS = ['probe-down', 'feed-silent', 'standard', 'burn-rate'] as const;
const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads a condition as written on the command line: `probe-down:portale[:3]`, `feed-silent:contact-centre:90`,
 * `standard:servizi-lavoro`, `burn-rate:*`.
 */
export function parseAlertCondition(text: string): AlertCondition {
  const [kind = '', subject = '', extra] = text.trim().split(':');
  const where = { field: 'when' };
  if (subject === '') throw new UserError(`"${text}" names no subject: write e.g. probe-down:portale, feed-silent:contact-centre:60, standard:*, burn-rate:*`, where);
  const whole = (value: string | undefined, fallback: number, what: string): number => {
    if (value === undefined || value === '') return fallback;
    if (!/^[1-9]\d{0,5}$/.test(value)) throw new UserError(`"${value}" is not a whole number of ${what}`, where);
    return Number(value);
  };
  switch (kind) {
    case 'probe-down':
      return { kind, probe: subject, after: whole(extra, 3, 'failed checks') };
    case 'feed-silent':
      return { kind, source: subject, minutes: whole(extra, 60, 'minutes') };
    case 'standard':
    case 'burn-rate':
      if (extra !== undefined) throw new UserError(`"${text}": ${kind} takes a service slug or *, nothing after it`, where);
      return { kind, service: subject };
    default:
      throw new UserError(`"${kind}" is not a condition: ${ALERT_CONDITION_KINDS.join(', ')}`, where);
  }
}

/** Checks a rule's name and channel; the condition is parsed by parseAlertCondition. */
export function checkAlertRule(rule: AlertRule): AlertRule {
  if (!NAME.test(rule.name)) throw new UserError(`"${rule.name}" is not a rule name: lower-case letters, digits, ".", "_" and "-"`, { field: 'name' });
  const { channel } = rule;
  if (channel.kind === 'email') {
    if (!EMAIL.test(channel.to)) throw new UserError(`"${channel.to}" is not an e-mail address`, { field: 'email' });
    return rule;
  }
  let url: URL | null = null;
  try {
    url = new URL(channel.url);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UserError(`"${channel.url}" is not an http(s) URL`, { field: 'webhook' });
  if (channel.secret.length < 16) throw new UserError('the webhook secret must be at least 16 characters: the receiver checks the signature with it', { field: 'secret' });
  return rule;
}

/** Where a rule sends, in a few words (never the webhook's secret). */
export function describeChannel(channel: AlertChannel): string {
  return channel.kind === 'webhook' ? channel.url : `e-mail ${channel.to}`;
}

/** The rule's condition in a few words, for lists and messages. */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.kind) {
    case 'probe-down':
      return `probe ${condition.probe} failed ${condition.after} checks in a row`;
    case 'feed-silent':
      return `feed ${condition.source} silent for over ${condition.minutes} min`;
    case 'standard':
      return `a standard of ${condition.service === '*' ? 'any service' : condition.service} at risk or missed`;
    case 'burn-rate':
      return `a standard of ${condition.service === '*' ? 'any service' : condition.service} spending its error budget too fast`;
  }
}
