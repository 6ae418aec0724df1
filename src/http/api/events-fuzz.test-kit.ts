import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Random } from '../../demo/random.ts';
import { hostileBytes, MAX_MESSAGE_LENGTH, randomPieces, type FuzzTarget } from '../../formats/fuzz.test-kit.ts';

/** The content types a feed might send, right and wrong. */
const CONTENT_TYPES: readonly (readonly [string | undefined, number])[] = [
  ['application/x-ndjson', 10],
  ['application/json', 7],
  ['application/json; charset=utf-8', 1],
  ['application/x-ndjson; charset=latin1', 1],
  ['text/plain', 1],
  [undefined, 1],
  ['application/json;;;=', 1],
];

const ANSWERS = new Set([200, 400, 413, 415]);

/**
 * POST /api/v1/events fed hostile bodies (NDJSON and JSON arrays, valid then bent, or random bytes; in one piece or in
 * random pieces): every answer must be 200 with each refused line named, or 400, 413 or 415 with a reason.
 */
export function httpIngestionTarget(app: FastifyInstance, token: string): FuzzTarget {
  return {
    name: 'http',
    run: async (random: Random) => {
      const contentType = random.weighted(CONTENT_TYPES);
      const bytes = hostileBytes(random, contentType?.includes('json') === true && !contentType.includes('ndjson') ? 'json' : 'ndjson');
      const payload = random.chance(0.5) ? Buffer.from(bytes) : Readable.from([...randomPieces(random, bytes)].map((piece) => Buffer.from(piece)));
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { authorization: `Bearer ${token}`, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
        payload,
      });
      if (!ANSWERS.has(response.statusCode)) return `answered ${response.statusCode}: ${response.body.slice(0, 200)}`;
      let body: { message?: unknown; rejected?: unknown; accepted?: unknown };
      try {
        body = response.json();
      } catch {
        return `answered ${response.statusCode} without JSON: ${response.body.slice(0, 200)}`;
      }
      if (response.statusCode !== 200) {
        return typeof body.message === 'string' && body.message !== '' && body.message.length <= 2 * MAX_MESSAGE_LENGTH ? undefined : `answered ${response.statusCode} without a reason`;
      }
      if (typeof body.accepted !== 'number' || !Array.isArray(body.rejected)) return `answered 200 without a summary: ${response.body.slice(0, 200)}`;
      for (const rejected of body.rejected as { line?: unknown; field?: unknown; message?: unknown }[]) {
        if (typeof rejected.line !== 'number' || rejected.line < 1 || typeof rejected.field !== 'string' || rejected.field === '' || typeof rejected.message !== 'string') {
          return `a refused line that does not say where: ${JSON.stringify(rejected).slice(0, 200)}`;
        }
        if (rejected.message.length > MAX_MESSAGE_LENGTH) return `a message ${rejected.message.length} characters long`;
      }
      return undefined;
    },
  };
}
