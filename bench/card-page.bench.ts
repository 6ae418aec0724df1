import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '../src/actions/build-demo.action.ts';
import { SEED_DIR } from '../src/cli/demo.command.ts';
import { realSiteActions } from '../src/http/api/api.test-kit.ts';
import { buildApp } from '../src/http/app.ts';
import type { SiteActions } from '../src/http/site-actions.ts';
import { openDatabase } from '../src/storage/database.ts';
import { benchRounds, benchSettings, formatNumber, measureLoad, median, type LoadResult } from './load.ts';

/**
 * Requests per second for a card page (GET /servizi/<slug>) against the SAME bytes served as a pre-rendered Buffer by
 * the same server (same plugins and security headers), side by side, on the demo data: the seed cards, their measures
 * and January's synthetic events. The load comes from a separate process with N keep-alive connections. A third line
 * shows the page rendered on every request (no answer cache), to show what the cache buys.
 */

const NOW = new Date('2026-02-01T10:00:00Z');
const STATIC_PATH = '/static/bench/card.html';

const folder = mkdtempSync(join(tmpdir(), 'misura-bench-page-'));
const database = await openDatabase(join(folder, 'misura.db'));
try {
  const now = () => NOW;
  const demo = await buildDemo({ database, now }, { seed: 2026, year: 2026, lastDate: '2026-01-31', seedDir: SEED_DIR });
  const { actions } = realSiteActions(database, now);
  // The same actions without the data version: no ETag, no stored answers, every request renders the page.
  const uncachedActions: SiteActions = { ...actions, readDataVersion: undefined };
  const cached = await startServer(actions);
  const uncached = await startServer(uncachedActions);

  // The card page with the most bytes: the largest card.
  let path = '';
  let bytes: Buffer = Buffer.alloc(0);
  for (const { service } of await actions.listServices()) {
    const response = await cached.app.inject(`/servizi/${service.slug}`);
    if (response.statusCode !== 200) throw new Error(`/servizi/${service.slug} answered ${response.statusCode}`);
    if (response.rawPayload.length > bytes.length) [path, bytes] = [`/servizi/${service.slug}`, response.rawPayload];
  }
  cached.body = bytes;

  const { durationMs, connections } = benchSettings();
  const run = async (origin: string, target: string): Promise<LoadResult> => {
    await measureLoad({ url: origin + target, connections, durationMs: Math.min(1000, durationMs) });
    const result = await measureLoad({ url: origin + target, connections, durationMs });
    const bad = Object.keys(result.statuses).filter((status) => status !== '200');
    if (result.errors > 0 || bad.length > 0) throw new Error(`${target}: ${result.errors} errors, statuses ${JSON.stringify(result.statuses)}`);
    return result;
  };
  // Rounds alternate the two, so that a busy moment of the machine weighs on both; the medians are kept.
  const rounds = benchRounds();
  const statics: LoadResult[] = [];
  const pages: LoadResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    statics.push(await run(cached.origin, STATIC_PATH));
    pages.push(await run(cached.origin, path));
  }
  const staticResult = median(statics);
  const pageResult = median(pages);
  const uncachedResult = await run(uncached.origin, path);

  const line = (name: string, r: LoadResult) =>
    `  ${name.padEnd(34)} ${formatNumber(r.requestsPerSecond).padStart(8)} req/s   p50 ${formatNumber(r.p50, 2).padStart(6)} ms   p99 ${formatNumber(r.p99, 2).padStart(6)} ms`;
  console.log(`card page bench: ${path} (${formatNumber(bytes.length)} bytes), demo data: ${demo.cards} cards, ${demo.measures} measures, ${formatNumber(demo.events)} events`);
  console.log(`  ${connections} connections, ${durationMs / 1000} s per measurement, median of ${rounds} alternating rounds, load from a separate process`);
  console.log(line('static Buffer (same bytes)', staticResult));
  console.log(line('card page (ETag + stored answer)', pageResult));
  console.log(line('card page rendered every time', uncachedResult));
  console.log(`  rounds (req/s): static ${statics.map((r) => formatNumber(r.requestsPerSecond)).join(' / ')}; card page ${pages.map((r) => formatNumber(r.requestsPerSecond)).join(' / ')}`);
  // Each round's pair ran back to back under the same load of the machine: the median of their ratios is the fair one.
  const ratios = pages.map((page, index) => page.requestsPerSecond / statics[index]!.requestsPerSecond).sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)]!;
  console.log(`  ratio card page / static: ${formatNumber(100 * ratio, 1)} % (median of the rounds' ratios; goal >= 50 %)`);
  console.log(`  ratio rendered / static:  ${formatNumber((100 * uncachedResult.requestsPerSecond) / staticResult.requestsPerSecond, 1)} %`);
  await cached.app.close();
  await uncached.app.close();
} finally {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
}

/** The site on a free loopback port, with a route that sends `body` as a static file would. */
async function startServer(actions: SiteActions) {
  const app = buildApp(actions, { logger: false, now: () => NOW, rateLimitPerMinute: false });
  const server: { app: typeof app; origin: string; body: Buffer } = { app, origin: '', body: Buffer.alloc(0) };
  // Under /static/, like the site's own assets: no ETag lookup, no stored answer, only the bytes.
  app.get(STATIC_PATH, (_request, reply) => reply.type('text/html; charset=utf-8').send(server.body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  server.origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return server;
}
