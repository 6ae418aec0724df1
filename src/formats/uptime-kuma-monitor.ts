import { MIN_INTERVAL_SECONDS, parseProbe, type ProbeInput } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';

/** One Kuma monitor, as read from the database or a backup (see uptime-kuma.reader.ts for where each field comes from). */
export interface KumaMonitor {
  /** Kuma's id; null in a backup item without one. */
  id: number | null;
  /** Where it was read, for messages: "monitor id 3", "monitorList[2]". */
  where: string;
  name: string;
  type: string;
  url: string | null;
  hostname: string | null;
  port: number | null;
  interval: number | null;
  /** Seconds; 0 or null means unset (Kuma then waits interval × 0.8). */
  timeout: number | null;
  maxretries: number | null;
  keyword: string | null;
  invertKeyword: boolean | null;
  /** "200-299", "301"…; null: Kuma's default, 200-299. */
  acceptedStatusCodes: string[] | null;
  /** false: paused in Kuma. */
  active: boolean;
  /** The group it belongs to (Kuma 1.23 and later): a paused group pauses its members. */
  parent: number | null;
  upsideDown: boolean;
  /** Kuma accepts any certificate (self-signed, expired); misura does not. */
  ignoreTls: boolean;
  method: string | null;
  authMethod: string | null;
  maxRedirects: number | null;
  dnsResolveType: string | null;
  dnsResolveServer: string | null;
}

/** A monitor misura can run, as a probe input. */
export interface KumaProbe {
  monitorId: number | null;
  /** Its name and type in Kuma. */
  monitor: string;
  type: string;
  input: ProbeInput;
  /** Paused in Kuma: imported paused. */
  paused: boolean;
  /** What changed on the way (a value clamped to misura's limits, a setting misura has no use for). */
  notes: string[];
}

/** A monitor left out, and why. */
export interface KumaSkip {
  monitorId: number | null;
  monitor: string;
  type: string;
  reason: string;
}

// Kuma's own defaults where a field is empty (db/old_migrations/patch6.sql, patch-timeout.sql).
const KUMA_DEFAULT_STATUS = ['200-299'];
const KUMA_DEFAULT_INTERVAL = 60;
const KUMA_TIMEOUT_SHARE = 0.8;
/** The resolver Kuma's form proposes (src/pages/EditMonitor.vue at 6398a958): asking it instead of the system's changes little. */
const KUMA_DEFAULT_RESOLVER = '1.1.1.1';
// misura's limits (src/domain/probes/probe.ts): parseProbe refuses beyond them, so the import brings values inside.
const MAX_INTERVAL_SECONDS = 86_400;
const MAX_TIMEOUT_SECONDS = 120;
const MAX_RETRIES = 5;
const MAX_NAME_LENGTH = 100;

/** Why a Kuma type is not imported, for the types PAs use most; the others get a general reason. */
const UNSUPPORTED: Record<string, string> = {
  ping: 'ICMP ping: misura probes HTTP, TCP ports and DNS names (a port probe of the same host can stand in)',
  push: 'a push monitor waits for the service to call Kuma: send those calls to misura as events instead (misura ingest or the API)',
  group: 'a group only gathers other monitors; its members are imported one by one',
  docker: "reads a container's state from a Docker daemon, which misura does not reach",
  'json-query': 'checks a JSON query on the answer, which misura does not evaluate (an http probe with a keyword may stand in)',
  'grpc-keyword': 'gRPC: misura probes HTTP, TCP ports and DNS names',
  'real-browser': 'runs a browser: misura probes with plain HTTP requests',
  steam: 'a game server query: misura probes HTTP, TCP ports and DNS names',
  gamedig: 'a game server query: misura probes HTTP, TCP ports and DNS names',
  mqtt: 'MQTT: misura probes HTTP, TCP ports and DNS names (a port probe of the broker can stand in)',
};

/**
 * The probe input of a Kuma monitor, named after it (a slug; `taken` are the names already given in this import), or
 * why it is skipped; `pausedByGroup` names the paused group that holds it, if any. The input is checked with
 * parseProbe, so whatever comes out is a probe misura accepts.
 */
export function probeOfKumaMonitor(monitor: KumaMonitor, taken: ReadonlySet<string>, pausedByGroup: string | null = null): KumaProbe | KumaSkip {
  const skip = (reason: string): KumaSkip => ({ monitorId: monitor.id, monitor: monitor.name, type: monitor.type, reason });
  const notes: string[] = [];
  const target = targetOf(monitor, notes);
  if ('reason' in target) return skip(target.reason);
  if (monitor.upsideDown) return skip('upside-down mode (up when the check fails) has no counterpart in misura');

  const input: ProbeInput = { name: uniqueName(slugOf(monitor), taken), kind: target.kind, target: target.target, ...timingOf(monitor, notes) };
  if (target.kind === 'http') {
    const status = statusRangeOf(monitor.acceptedStatusCodes ?? KUMA_DEFAULT_STATUS);
    if (status === null) return skip(`accepts status codes ${(monitor.acceptedStatusCodes ?? []).join(', ')}: misura accepts one range, e.g. 200-299`);
    input.status = status;
    if (monitor.type === 'keyword') {
      if (monitor.keyword === null || monitor.keyword.trim() === '') return skip('a keyword monitor without a keyword');
      if (monitor.invertKeyword === true) input.keywordAbsent = monitor.keyword;
      else input.keyword = monitor.keyword;
    }
    if (monitor.ignoreTls && target.target.startsWith('https:')) notes.push('Kuma ignored certificate errors and misura does not: a self-signed or expired certificate fails the check');
    // A redirect fails such a probe only when its range leaves 3xx out.
    const highest = Number(status.split('-').at(-1));
    if ((monitor.maxRedirects ?? 10) > 0 && highest < 300) notes.push('Kuma follows redirects and misura does not: if this URL redirects, give the final one');
  }
  try {
    parseProbe(input);
  } catch (error) {
    if (error instanceof UserError) return skip(error.message);
    throw error;
  }
  if (monitor.active && pausedByGroup !== null) notes.push(`imported paused: its group "${pausedByGroup}" is paused in Kuma`);
  return { monitorId: monitor.id, monitor: monitor.name, type: monitor.type, input, paused: !monitor.active || pausedByGroup !== null, notes };
}

type Target = { kind: 'http' | 'tcp' | 'dns'; target: string } | { reason: string };

function targetOf(monitor: KumaMonitor, notes: string[]): Target {
  switch (monitor.type) {
    case 'http':
    case 'keyword': {
      const method = (monitor.method ?? 'GET').toUpperCase();
      if (method !== 'GET') return { reason: `checks with ${method}: misura's probes send GET` };
      const auth = monitor.authMethod ?? '';
      if (auth !== '' && auth !== 'null' && auth !== 'none') return { reason: `signs in (${auth}): misura's probes send no credentials` };
      if (monitor.url === null || monitor.url.trim() === '') return { reason: 'no URL' };
      return { kind: 'http', target: monitor.url.trim() };
    }
    case 'port': {
      const host = monitor.hostname?.trim() ?? '';
      if (host === '' || monitor.port === null) return { reason: 'no host name or port' };
      // An IPv6 address needs brackets before its port.
      return { kind: 'tcp', target: `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${monitor.port}` };
    }
    case 'dns': {
      const host = monitor.hostname?.trim() ?? '';
      if (host === '') return { reason: 'no host name' };
      // misura asks the system resolver for any address; Kuma may ask a given server for a given record.
      if (monitor.dnsResolveType !== null && !['A', 'AAAA'].includes(monitor.dnsResolveType.toUpperCase())) notes.push(`Kuma asked for ${monitor.dnsResolveType} records; misura checks that the name resolves to an address`);
      const server = monitor.dnsResolveServer?.trim() ?? '';
      if (server !== '' && server !== KUMA_DEFAULT_RESOLVER) notes.push(`Kuma asked the server ${monitor.dnsResolveServer}; misura asks the system resolver`);
      return { kind: 'dns', target: host };
    }
    default:
      return { reason: UNSUPPORTED[monitor.type] ?? `"${monitor.type || '(no type)'}" monitors: misura probes HTTP, TCP ports and DNS names` };
  }
}

/** Interval, timeout and retries brought within misura's limits; each change is noted. */
function timingOf(monitor: KumaMonitor, notes: string[]): Pick<ProbeInput, 'interval' | 'timeout' | 'retries'> {
  const asked = Math.round(monitor.interval ?? KUMA_DEFAULT_INTERVAL);
  const interval = clamp(asked, MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS);
  if (interval !== asked) notes.push(`interval ${asked} s brought to ${interval} s (misura: ${MIN_INTERVAL_SECONDS}–${MAX_INTERVAL_SECONDS} s)`);

  const kumaTimeout = monitor.timeout !== null && monitor.timeout > 0 ? monitor.timeout : asked * KUMA_TIMEOUT_SHARE;
  const wholeTimeout = Math.max(1, Math.round(kumaTimeout));
  const timeout = clamp(wholeTimeout, 1, Math.min(MAX_TIMEOUT_SECONDS, interval - 1));
  if (timeout !== wholeTimeout) notes.push(`timeout ${wholeTimeout} s brought to ${timeout} s (misura: at most ${MAX_TIMEOUT_SECONDS} s and shorter than the interval)`);

  const askedRetries = Math.max(0, monitor.maxretries ?? 0);
  const retries = Math.min(askedRetries, MAX_RETRIES);
  if (retries !== askedRetries) notes.push(`retries ${askedRetries} brought to ${retries} (misura: at most ${MAX_RETRIES})`);
  return { interval, timeout, retries };
}

/** "200-299", or null when the codes are not one range (adjacent and overlapping ranges are merged first). */
export function statusRangeOf(codes: readonly string[]): string | null {
  const ranges: [number, number][] = [];
  for (const code of codes) {
    const match = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(code);
    if (match === null) return null;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : Number(match[2]);
    if (min > max) return null;
    ranges.push([min, max]);
  }
  if (ranges.length === 0) return '200-299';
  ranges.sort((a, b) => a[0] - b[0]);
  const [first, ...rest] = ranges as [[number, number], ...[number, number][]];
  const min = first[0];
  let max = first[1];
  for (const [from, to] of rest) {
    if (from > max + 1) return null;
    max = Math.max(max, to);
  }
  return min === max ? String(min) : `${min}-${max}`;
}

/** misura's probe-name rule: lower-case letters, digits, ".", "_" and "-", starting with a letter or digit, up to 100. */
export function slugOf(monitor: Pick<KumaMonitor, 'name' | 'id'>): string {
  const slug = monitor.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[._-]+$/, '');
  return slug === '' ? `kuma-${monitor.id ?? 'monitor'}` : slug;
}

/** `name`, or name-2, name-3… when taken (cut so the suffix still fits in 100 characters). */
function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
