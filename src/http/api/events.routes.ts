import { Type } from '@sinclair/typebox';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { IngestSummary } from '../../actions/ingest-events.action.ts';
import type { VerifiedApiToken } from '../../actions/verify-api-token.action.ts';
import { EVENT_LIMITS } from '../../domain/events/event-limits.ts';
import { formatWhere } from '../../domain/shared/errors.ts';
import type { EventReaderOptions, EventRow } from '../../formats/event-record.ts';
import { createNdjsonEventParser, NESTED_TOO_DEEPLY, readEventsNdjsonSync } from '../../formats/events-ndjson.reader.ts';
import { findExcessNesting } from '../../formats/json-depth.ts';
import { invalidUtf8Offset } from '../../formats/utf8.ts';
import type { IngestCounters } from '../ops/ingest-counters.ts';
import type { SiteDeps } from '../site-settings.ts';
import { ApiError, errorBody } from './api-errors.ts';
import { errorResponses, IngestRefused, IngestResponse } from './api-schemas.ts';
import { FixedWindowLimiter } from './token-rate-limit.ts';

export interface EventRoutesOptions {
  /** Largest request body, in bytes. */
  bodyLimitBytes: number;
  /** Requests per minute per token; false for no limit. */
  requestsPerMinute: number | false;
  counters: IngestCounters;
}

const NDJSON = 'application/x-ndjson';
const JSON_TYPE = 'application/json';
/** One answer for a missing, unknown or revoked token, so a caller learns nothing about which it was. */
const UNAUTHORISED = 'a valid API token is required: send "Authorization: Bearer <token>" (tokens are made with `misura tokens create <source>`)';

const EVENT_SHAPE = '{"id", "source"?, "kind", "subject"?, "occurredAt" (ISO 8601 with offset), "attributes"?}';

/** The media type of a request, lower-case, without parameters. */
function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The bearer token of the Authorization header, or undefined. */
function bearerTokenOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** A JSON array's items as NDJSON lines, so both bodies are read, checked and numbered the same way (item n = line n). */
function* linesOfArray(items: readonly unknown[]): Generator<string> {
  for (const item of items) yield `${JSON.stringify(item) ?? 'null'}\n`;
}

/** A token's events: of its source, which those naming none belong to; one naming another is rejected on its line. */
function readerOptionsFor(source: string): EventReaderOptions {
  return { defaultSource: source, onlySource: { name: source, of: 'this token' } };
}

/** The message of a batch refused whole: its first refused line, where and why, and how many more there are. */
function refusalOf(rejected: IngestSummary['rejected']): string {
  const [first] = rejected;
  if (first === undefined) return 'no event could be stored';
  const more = rejected.length - 1;
  return `${formatWhere({ line: first.line, field: first.field })}: ${first.message}${more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'line' : 'lines'}: see "rejected")`}`;
}

/** The rows of an NDJSON body, read while it arrived (a class, so the handler tells them from a parsed JSON array). */
class NdjsonRows {
  constructor(readonly rows: EventRow[]) {}
}

/**
 * Reads an NDJSON body into rows chunk by chunk, refusing it (413, as Fastify does for the bodies it reads) beyond
 * `limit` bytes, by its Content-Length or as it arrives, and (400) when it ends short of its Content-Length.
 */
function readNdjsonBody(payload: Readable, request: FastifyRequest, limit: number, source: string): Promise<NdjsonRows> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (declared > limit) {
      reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    const parser = createNdjsonEventParser(readerOptionsFor(source));
    const rows: EventRow[] = [];
    let received = 0;
    const stop = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      payload.off('close', onClose);
    };
    const onData = (chunk: Buffer | string) => {
      received += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (received > limit) {
        stop();
        reject(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      for (const row of parser.push(chunk)) rows.push(row);
    };
    const onEnd = () => {
      stop();
      if (!Number.isNaN(declared) && received !== declared) {
        reject(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
        return;
      }
      for (const row of parser.end()) rows.push(row);
      resolve(new NdjsonRows(rows));
    };
    const onError = (error: Error) => {
      stop();
      reject(Object.assign(error, { statusCode: 400 }));
    };
    // A connection closed before the body's end (the client gave up, or the server's request timeout closed it).
    const onClose = () => onError(new Error('the connection closed before the body arrived'));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.on('close', onClose);
    payload.resume();
  });
}

/**
 * When the days an ingestion queued are recomputed: once the feed has been quiet for DRAIN_QUIET_MS, and at the latest
 * DRAIN_MAX_LAG_MS after the first ingestion not recomputed yet. A feed sending batch after batch touches the same days
 * again and again; recomputing them once every few seconds rather than after every pause saves most of that work.
 * Readers never wait for it: a report (page, API, metrics) finding the queue not empty recomputes it first.
 */
const DRAIN_QUIET_MS = 500;
const DRAIN_MAX_LAG_MS = 3000;

/**
 * POST /api/v1/events: a source's events as NDJSON or a JSON array, authenticated by the source's bearer token.
 * Partial: good lines are stored, bad ones listed with their line; idempotent by (source, id). Answers once the
 * events are committed (with the days they touch queued), then recomputes those days' rollups a little later (see
 * DRAIN_QUIET_MS; one drain for all the requests in between), which bumps the data version again: public results show
 * the events within seconds, and a server also drains in the background at boot and every few seconds (report-cache.action.ts).
 */
export function registerEventRoutes(app: FastifyInstance, deps: SiteDeps, options: EventRoutesOptions): void {
  const tokens = new WeakMap<FastifyRequest, VerifiedApiToken>();
  // Work started after an answer (drains, checkpoints) is kept so that closing the app waits for it; a failure is
  // logged, and the next ingestion or report tries again. Resolved to nothing, so a long-running server keeps no chain
  // of results.
  let background: Promise<void> = Promise.resolve();
  const runInBackground = (run: Promise<unknown> | undefined, failure: string): void => {
    if (run === undefined) return;
    const logged = run.catch((error: unknown) => app.log.error({ err: error }, failure));
    background = Promise.all([background, logged]).then(() => undefined);
  };
  // Requests in between share one drain.
  let timer: NodeJS.Timeout | undefined;
  let firstPendingAt: number | undefined;
  const drainNow = (): void => {
    timer = undefined;
    firstPendingAt = undefined;
    runInBackground(deps.actions.drainRollupQueue?.(), 'recomputing the queued rollups failed; the next ingestion or report retries');
  };
  const drainSoon = (): void => {
    const now = performance.now();
    firstPendingAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(drainNow, Math.max(0, Math.min(DRAIN_QUIET_MS, firstPendingAt + DRAIN_MAX_LAG_MS - now)));
  };
  // What the ingestion wrote leaves the write-ahead log at once, in the server's worker thread while this one goes on;
  // the commits of the requests never do it themselves (see checkpoint-database.action.ts).
  const checkpointNow = (): void => runInBackground(deps.actions.checkpointDatabase?.(), 'checkpointing the database failed; the next ingestion retries');
  app.addHook('onClose', async () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      drainNow();
    }
    await background;
  });
  const limiter = options.requestsPerMinute === false ? undefined : new FixedWindowLimiter(options.requestsPerMinute, 60_000);

  // NDJSON is read as it arrives: each chunk's lines are checked while the rest of the body is still on its way, so
  // the server works instead of waiting for the last byte. Only a request whose token passed onRequest gets here.
  app.addContentTypeParser(NDJSON, (request, payload, done) => {
    const token = tokens.get(request);
    if (token === undefined) {
      done(new Error('the onRequest hook did not run'), undefined);
      return;
    }
    readNdjsonBody(payload, request, options.bodyLimitBytes, token.source).then((rows) => done(null, rows), (error: Error) => done(error, undefined));
  });

  // A JSON array is read as bytes, so that invalid UTF-8 is refused (not read with U+FFFD in place of its bytes, which
  // could make two ids one) and an item nested deeper than any event is refused before JSON.parse spends time on it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  app.removeContentTypeParser(JSON_TYPE);
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      done(new ApiError(400, `the body is not valid UTF-8 (byte ${invalidUtf8Offset(bytes) + 1}): send the events as UTF-8`), undefined);
      return;
    }
    // The array adds one level to each event.
    const deep = findExcessNesting(text, EVENT_LIMITS.parseDepth + 1);
    if (deep !== undefined) {
      done(new ApiError(400, `item ${deep.item} is ${NESTED_TOO_DEEPLY}`), undefined);
      return;
    }
    void parseJson(request, text, done);
  });

  app.post(
    '/events',
    {
      bodyLimit: options.bodyLimitBytes,
      // The per-token limit below replaces the per-address one: a feed behind a shared address must not starve others.
      config: { rateLimit: false },
      schema: {
        tags: ['events'],
        summary: "Send a source's events (NDJSON or a JSON array)",
        description: [
          `Each event is ${EVENT_SHAPE}. An event without "source" belongs to the token's source; one naming another source is rejected on its line.`,
          'Idempotent by (source, id): a re-sent event is a duplicate, the same id with other content a correction.',
          `Bad lines are listed in "rejected" with their line (NDJSON) or 1-based position (JSON array); the good ones are stored. A batch with no good line is answered 400, with every line in "rejected". The answer comes once the events are committed. At most ${options.bodyLimitBytes} bytes per request.`,
          'An event must fall between the first day this server accepts (1 January of the year before the earliest card edition, or MISURA_EVENTS_FROM) and one day past its clock; the body must be UTF-8.',
        ].join(' '),
        security: [{ bearerAuth: [] }],
        body: {
          content: {
            [NDJSON]: { schema: Type.Unsafe({ description: `One event per line: ${EVENT_SHAPE}` }) },
            [JSON_TYPE]: { schema: Type.Array(Type.Unknown({ description: `An event: ${EVENT_SHAPE}` })) },
          },
        },
        response: { 200: IngestResponse, 400: IngestRefused, ...errorResponses(401, 413, 415, 429, 500, 503) },
      },
      onRequest: async (request, reply) => {
        const { actions } = deps;
        if (actions.verifyApiToken === undefined || actions.ingestEvents === undefined) throw new ApiError(503, 'event ingestion is not available on this server');
        const bearer = bearerTokenOf(request);
        const token = bearer === undefined ? null : await actions.verifyApiToken(bearer);
        if (token === null) throw new ApiError(401, UNAUTHORISED, { 'www-authenticate': 'Bearer realm="misura"' });
        tokens.set(request, token);
        if (limiter !== undefined) {
          const decision = limiter.take(String(token.id));
          reply.header('x-ratelimit-remaining', String(decision.remaining));
          if (!decision.allowed) {
            throw new ApiError(429, `too many requests for this token: wait ${decision.resetSeconds} s, or send more events per request`, {
              'retry-after': String(decision.resetSeconds),
            });
          }
        }
        const type = mediaTypeOf(request);
        if (type !== NDJSON && type !== JSON_TYPE) {
          throw new ApiError(415, `send events as ${NDJSON} (one JSON object per line) or ${JSON_TYPE} (an array of objects), not "${type || 'no content type'}"`);
        }
      },
    },
    async (request, reply) => {
      const token = tokens.get(request);
      const { actions } = deps;
      if (token === undefined || actions.ingestEvents === undefined) throw new Error('the onRequest hook did not run');
      const body: unknown = request.body;
      // NDJSON arrives as rows read on the way in; a JSON array is read as lines, numbered the same way.
      const rows = body instanceof NdjsonRows ? body.rows : [...readEventsNdjsonSync(Array.isArray(body) ? linesOfArray(body) : [], readerOptionsFor(token.source))];
      const summary = await actions.ingestEvents(rows, { mode: 'partial' });
      // Caches key on the data version, which the ingestion moved in its transaction: this process reads it again at
      // once. A batch of pure re-sends changed nothing and keeps them warm.
      if (summary.accepted + summary.corrected > 0) {
        deps.actions.forgetDataVersion?.();
        drainSoon();
        checkpointNow();
      }
      options.counters.add(token.source, summary);
      request.log.info(
        { source: token.source, tokenId: token.id, accepted: summary.accepted, duplicates: summary.duplicates, corrected: summary.corrected, rejected: summary.rejected.length },
        'events ingested',
      );
      // A batch none of whose lines could be stored is refused as a whole: the feed learns at once that it is wrong.
      if (summary.rejected.length > 0 && summary.accepted + summary.duplicates + summary.corrected === 0) {
        return reply.code(400).send({ ...errorBody(400, refusalOf(summary.rejected)), rejected: summary.rejected });
      }
      return summary;
    },
  );
}
