import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { KIT_INDICATORS, storeKit, T0 } from '../../actions/events.test-kit.ts';
import { runFuzzTarget } from '../../formats/fuzz.test-kit.ts';
import { startApi } from './api.test-kit.ts';
import { httpIngestionTarget } from './events-fuzz.test-kit.ts';

/** A fixed seed, so every run tries the same cases; `npm run bench -- fuzz-events` tries many more, from any seed. */
const SEED = 20_261_203;
const CASES = 150;

describe('POST /api/v1/events, fed hostile bodies', () => {
  const ctx = createDialectContext('sqlite');
  afterEach(() => ctx.cleanup());
  afterAll(() => ctx.dispose());

  it(`answers every one of ${CASES} with 200 naming each refused line, or 400, 413 or 415 with a reason, and the site stays up`, async () => {
    const database = await ctx.openFresh();
    const service = await storeKit(database, KIT_INDICATORS);
    const api = startApi(database, () => T0, { api: { ingestBodyLimitBytes: 64 * 1024, ingestRequestsPerMinute: false } });
    try {
      const token = await api.tokenFor('contact-centre');
      expect(await runFuzzTarget(httpIngestionTarget(api.app, token), SEED, CASES)).toEqual([]);
      // Whatever was stored, every page still answers.
      for (const path of ['/', `/servizi/${service}`, '/api/v1/results?year=2026', '/metrics', '/opendata']) {
        expect((await api.app.inject(path)).statusCode, path).toBe(200);
      }
    } finally {
      await api.app.close();
    }
  });
});
