import type { MeasureEvent } from '../events/event.ts';
import { UserError } from '../shared/errors.ts';

/**
 * A built-in probe: misura itself checks a portal, a port or a name at a fixed interval and records each check as an
 * ordinary event (kind `check.http`, `check.tcp`, `check.dns`; attribute `monitor` = the probe's name, `ok`), so an
 * availability measure that selects `monitor = <name>` reads probe checks exactly as it reads a monitoring feed's.
 */
export type ProbeKind = 'http' | 'tcp' | 'dns';

export const PROBE_KINDS: readonly ProbeKind[] = ['http', 'tcp', 'dns'];

/** What a check must find to pass. Only HTTP probes read status, keywords and the certificate. */
export interface ProbeExpectation {
  /** Accepted HTTP status codes, inclusive. Default 200–399. */
  statusMin: number;
  statusMax: number;
  /** Text that must appear in the body (a maintenance page answers 200 too). */
  keyword: string | null;
  /** Text that must not appear ("Servizio non disponibile"). */
  keywordAbsent: string | null;
  /** A slower answer fails the check. */
  maxResponseMs: number | null;
  /** A TLS certificate expiring in fewer days fails the check. */
  certMinDays: number | null;
}

export interface Probe {
  /** Unique, lower-case: the `monitor` attribute of its events, and how measures select them. */
  name: string;
  kind: ProbeKind;
  /** http: an http(s) URL; tcp: host:port; dns: a host name. */
  target: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  /** Further attempts before a check counts as failed (a single lost packet is not an outage). */
  retries: number;
  expect: ProbeExpectation;
  paused: boolean;
}

/** A probe as a person writes it (CLI options, a form): text, validated by parseProbe. */
export interface ProbeInput {
  name: string;
  kind?: string;
  target: string;
  interval?: string | number;
  timeout?: string | number;
  retries?: string | number;
  status?: string;
  keyword?: string;
  keywordAbsent?: string;
  maxResponseMs?: string | number;
  certMinDays?: string | number;
}

/** The source of every probe event: one feed, so `misura sources` shows when the probes last ran. */
export const PROBE_SOURCE = 'probes';
export const MIN_INTERVAL_SECONDS = 10;
const MAX_INTERVAL_SECONDS = 86_400;
const DEFAULT_INTERVAL_SECONDS = 60;
const DEFAULT_TIMEOUT_SECONDS = 10;
const MAX_RETRIES = 5;
const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Validates a probe as written; every error names its field. */
export function parseProbe(input: ProbeInput): Probe {
  const name = input.name.trim();
  if (!NAME.test(name)) throw new UserError(`"${input.name}" is not a probe name: lower-case letters, digits, ".", "_" and "-", up to 100`, { field: 'name' });
  const kind = (input.kind ?? 'http').trim();
  if (!PROBE_KINDS.includes(kind as ProbeKind)) throw new UserError(`"${kind}" is not a probe kind: ${PROBE_KINDS.join(', ')}`, { field: 'kind' });
  const target = parseTarget(kind as ProbeKind, input.target.trim());
  const intervalSeconds = parseWhole(input.interval, DEFAULT_INTERVAL_SECONDS, 'interval', MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS);
  const timeoutSeconds = parseWhole(input.timeout, DEFAULT_TIMEOUT_SECONDS, 'timeout', 1, 120);
  if (timeoutSeconds >= intervalSeconds) throw new UserError(`the timeout (${timeoutSeconds} s) must be shorter than the interval (${intervalSeconds} s)`, { field: 'timeout' });
  const retries = parseWhole(input.retries, 1, 'retries', 0, MAX_RETRIES);
  const [statusMin, statusMax] = parseStatus(input.status);
  const keyword = textOrNull(input.keyword);
  const keywordAbsent = textOrNull(input.keywordAbsent);
  const maxResponseMs = input.maxResponseMs === undefined || input.maxResponseMs === '' ? null : parseWhole(input.maxResponseMs, 0, 'max-response-ms', 1, 120_000);
  const certMinDays = input.certMinDays === undefined || input.certMinDays === '' ? null : parseWhole(input.certMinDays, 0, 'cert-min-days', 1, 365);
  if (kind !== 'http' && (keyword ?? keywordAbsent ?? certMinDays ?? input.status) != null) {
    throw new UserError('keywords, status codes and certificate checks apply to http probes only', { field: 'kind' });
  }
  if (certMinDays !== null && !target.startsWith('https:')) throw new UserError('a certificate check needs an https:// target', { field: 'cert-min-days' });
  return {
    name,
    kind: kind as ProbeKind,
    target,
    intervalSeconds,
    timeoutSeconds,
    retries,
    expect: { statusMin, statusMax, keyword, keywordAbsent, maxResponseMs, certMinDays },
    paused: false,
  };
}

function parseTarget(kind: ProbeKind, target: string): string {
  if (kind === 'http') {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new UserError(`"${target}" is not a URL, e.g. https://www.example.gov.it/`, { field: 'target' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`"${target}" is not an http(s) URL`, { field: 'target' });
    return url.href;
  }
  if (kind === 'tcp') {
    const match = /^(\[[0-9a-f:]+\]|[^\s:/]+):(\d{1,5})$/i.exec(target);
    const port = Number(match?.[2]);
    if (match === null || port < 1 || port > 65_535) throw new UserError(`"${target}" is not host:port, e.g. pec.example.gov.it:465`, { field: 'target' });
    return target;
  }
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i.test(target)) {
    throw new UserError(`"${target}" is not a host name, e.g. www.example.gov.it`, { field: 'target' });
  }
  return target.toLowerCase();
}

function parseWhole(value: string | number | undefined, fallback: number, field: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw new UserError(`"${value}" must be a whole number from ${min} to ${max}`, { field });
  return number;
}

function parseStatus(status: string | undefined): [number, number] {
  if (status === undefined || status.trim() === '') return [200, 399];
  const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(status.trim());
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (match === null || min < 100 || max > 599 || min > max) throw new UserError(`"${status}" is not a status code or a range such as 200-299`, { field: 'status' });
  return [min, max];
}

function textOrNull(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

/**
 * Where in its interval a probe runs, in ms: stable for a name (a restart keeps the rhythm) and different between
 * names, so 500 probes with the same interval do not all start in the same second.
 */
export function offsetOf(name: string, intervalSeconds: number): number {
  let hash = 2_166_136_261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return hash % (intervalSeconds * 1000);
}

/** The start of the slot that holds `at`: a probe runs once per slot, whatever the instances and restarts. */
export function slotOf(probe: Pick<Probe, 'name' | 'intervalSeconds'>, at: Date): Date {
  const interval = probe.intervalSeconds * 1000;
  const offset = offsetOf(probe.name, probe.intervalSeconds);
  return new Date(Math.floor((at.getTime() - offset) / interval) * interval + offset);
}

/** The start of the slot after the one that holds `at`. */
export function nextSlotAfter(probe: Pick<Probe, 'name' | 'intervalSeconds'>, at: Date): Date {
  return new Date(slotOf(probe, at).getTime() + probe.intervalSeconds * 1000);
}

/** What one check found. */
export interface ProbeOutcome {
  startedAt: Date;
  ok: boolean;
  latencyMs: number;
  attempts: number;
  /** HTTP only. */
  status?: number;
  certDaysLeft?: number;
  /** Why it failed, in a few words ("timeout after 10 s", "status 503", "keyword absent"). */
  error?: string;
}

/**
 * The event of one check. Its id is the probe and its slot: a slot checked twice (two instances, a restart in the
 * middle) is one event, and ingestion keeps the first.
 */
export function eventOfOutcome(probe: Probe, slot: Date, outcome: ProbeOutcome, inMaintenance = false): MeasureEvent {
  const attributes: MeasureEvent['attributes'] = { monitor: probe.name, target: probe.target, ok: outcome.ok, latencyMs: Math.round(outcome.latencyMs), attempts: outcome.attempts };
  if (outcome.status !== undefined) attributes.status = outcome.status;
  if (outcome.certDaysLeft !== undefined) attributes.certDaysLeft = outcome.certDaysLeft;
  if (outcome.error !== undefined) attributes.error = outcome.error;
  // Only when true: a measure excludes planned maintenance with `maintenance != true`, which absent also passes.
  if (inMaintenance) attributes.maintenance = true;
  return { id: `${probe.name}@${slot.toISOString()}`, source: PROBE_SOURCE, kind: `check.${probe.kind}`, subject: probe.name, occurredAt: outcome.startedAt, attributes };
}

/** Judges an HTTP answer against the probe's expectation: null when it passes, else why not. */
export function judgeHttpAnswer(expect: ProbeExpectation, answer: { status: number; body: string; latencyMs: number; certDaysLeft?: number }): string | null {
  if (answer.status < expect.statusMin || answer.status > expect.statusMax) return `status ${answer.status}`;
  if (expect.keyword !== null && !answer.body.includes(expect.keyword)) return `"${expect.keyword}" not found`;
  if (expect.keywordAbsent !== null && answer.body.includes(expect.keywordAbsent)) return `"${expect.keywordAbsent}" found`;
  if (expect.maxResponseMs !== null && answer.latencyMs > expect.maxResponseMs) return `answered in ${Math.round(answer.latencyMs)} ms, over ${expect.maxResponseMs} ms`;
  if (expect.certMinDays !== null && answer.certDaysLeft !== undefined && answer.certDaysLeft < expect.certMinDays) {
    return `certificate expires in ${answer.certDaysLeft} days, fewer than ${expect.certMinDays}`;
  }
  return null;
}
