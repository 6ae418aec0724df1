import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { localDateOf } from '../../domain/calendar/index.ts';
import { splitLocale } from '../i18n/locale.ts';
import type { SiteDeps } from '../site-settings.ts';

export interface HttpCacheOptions {
  /** Answers kept in memory. Default 512. */
  maxEntries?: number;
  /** Their total size in bytes. Default 64 MiB. */
  maxBytes?: number;
}

/** Paths that never get an ETag nor a cached answer: assets with their own, probes, live numbers, the API docs. */
// The back office answers each account differently: never cached.
// The satisfaction widget carries a single-use token of its visitor's own, and its own framing headers.
const UNCACHED_PREFIXES = ['/static/', '/api/docs', '/admin', '/en/admin', '/widget/', '/en/widget/'];
const UNCACHED_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/api/openapi.json', '/api/v1/sources']);

/** Headers of one answer only; everything else (type, security headers, disposition, CORS) is replayed as sent. */
const PER_ANSWER_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag', 'set-cookie', 'retry-after']);

interface CachedAnswer {
  etag: string;
  headers: [name: string, value: string | string[]][];
  body: Buffer;
  bytes: number;
}

interface RequestState {
  etag: string;
  /** Version, day, language and URL: what the answer depends on. */
  key: string;
  version: number;
  fromCache: boolean;
}

/** Whether GET answers of this path may be cached (the path without its query string). */
export function isCacheablePath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? url;
  const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  // The diffida form carries a CSRF token of its visitor's own.
  if (bare.endsWith('/diffida')) return false;
  // So does the satisfaction form's own page.
  if (bare.endsWith('/soddisfazione')) return false;
  return !UNCACHED_PATHS.has(bare) && !UNCACHED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Whether an If-None-Match header names this ETag (weak comparison, lists understood). "*" never matches: whether the
 * page exists is only known once it is rendered.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined || header === '') return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** A bounded LRU of rendered answers of the current data version, by version, day, language and URL; emptied when the version moves. */
class AnswerStore {
  private readonly answers = new Map<string, CachedAnswer>();
  private bytes = 0;
  private version: number | undefined;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  /** Forgets every answer of an older version: they can never be sent again. */
  seeVersion(version: number): void {
    if (version === this.version) return;
    this.version = version;
    this.answers.clear();
    this.bytes = 0;
  }

  isCurrent(version: number): boolean {
    return version === this.version;
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  set(key: string, answer: CachedAnswer): void {
    if (answer.bytes > this.maxBytes / 8) return;
    const previous = this.answers.get(key);
    if (previous !== undefined) this.bytes -= previous.bytes;
    this.answers.delete(key);
    this.answers.set(key, answer);
    this.bytes += answer.bytes;
    for (const [key, oldest] of this.answers) {
      if (this.answers.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.answers.delete(key);
      this.bytes -= oldest.bytes;
    }
  }
}

/**
 * ETags and 304s for public pages and API GETs, plus a memory of rendered answers. The ETag is a hash of the data
 * version, the local day (reports are judged up to yesterday), the language, the scheme, host and URL, and this
 * process's start (a restart may bring new templates or settings). The version (actions.readDataVersion: a cheap
 * SELECT, trusted for a moment by the report cache) decides: If-None-Match matches → 304; the same answer was rendered
 * already → the stored bytes; else the route renders and its 200 answer is stored. Runs as a preHandler, after the rate
 * limit and validation, so neither is skipped. Without actions.readDataVersion it does nothing.
 */
export function httpCache(deps: SiteDeps, options: HttpCacheOptions = {}): FastifyPluginCallback {
  const plugin: FastifyPluginCallback = (app, _opts, done) => {
    const readDataVersion = deps.actions.readDataVersion?.bind(deps.actions);
    if (readDataVersion === undefined) {
      done();
      return;
    }
    const boot = randomBytes(8).toString('hex');
    const store = new AnswerStore(options.maxEntries ?? 512, options.maxBytes ?? 64 * 1024 * 1024);
    const states = new WeakMap<FastifyRequest, RequestState>();
    const etagOf = (version: number, key: string) => `"${version.toString(36)}-${createHash('sha256').update(`${boot}\n${key}`).digest('base64url').slice(0, 27)}"`;
    // The local day changes once a day; asking the time zone database once a second is plenty.
    let day = { second: NaN, date: '' };
    const todayOf = (now: Date) => {
      const second = Math.floor(now.getTime() / 1000);
      if (second !== day.second) day = { second, date: localDateOf(now, deps.settings.timeZone) };
      return day.date;
    };

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' || request.is404 || !isCacheablePath(request.url)) return;
      const version = await readDataVersion();
      store.seeVersion(version);
      // Pages carry a notice while results are brought up to date: an answer with it is not one without.
      const catchingUp = deps.actions.catchUpState?.().catchingUp === true ? 'catching-up' : 'current';
      const key = `${version}\n${catchingUp}\n${todayOf(deps.settings.now())}\n${splitLocale(request.url).locale}\n${request.protocol}://${request.host}${request.url}`;
      const answer = store.get(key);
      const ifNoneMatch = request.headers['if-none-match'];
      if (answer === undefined || ifNoneMatch !== undefined) {
        const etag = answer?.etag ?? etagOf(version, key);
        states.set(request, { etag, key, version, fromCache: false });
        if (matchesIfNoneMatch(ifNoneMatch, etag)) {
          states.set(request, { etag, key, version, fromCache: true });
          return reply.code(304).header('etag', etag).header('cache-control', 'no-cache').send();
        }
      }
      if (answer !== undefined) {
        states.set(request, { etag: answer.etag, key, version, fromCache: true });
        // Security headers are set already (and the same); only the route's own ones need setting again.
        for (const [name, value] of answer.headers) if (reply.getHeader(name) !== value) reply.header(name, value);
        return reply.code(200).send(answer.body);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const state = states.get(request);
      if (state === undefined || state.fromCache || reply.statusCode !== 200) return payload;
      reply.header('etag', state.etag);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
      if ((typeof payload !== 'string' && !Buffer.isBuffer(payload)) || reply.hasHeader('set-cookie')) return payload;
      const headers: [string, string | string[]][] = [];
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value === undefined || PER_ANSWER_HEADERS.has(name) || name.startsWith('x-ratelimit-')) continue;
        headers.push([name, typeof value === 'number' ? String(value) : value]);
      }
      headers.push(['etag', state.etag]);
      // Kept and sent as bytes: encoding a page's text again on every answer would cost as much as the rest.
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      // An answer rendered while the version moved on is sent, but not kept: it could never be asked for again.
      if (store.isCurrent(state.version)) store.set(state.key, { etag: state.etag, headers, body, bytes: body.length });
      return body;
    });
    done();
  };
  // Like fastify-plugin: the hooks apply to every route of the app, not only to an encapsulated child.
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
