import { describe, expect, it } from 'vitest';
import { isCacheablePath, matchesIfNoneMatch } from './http-cache.ts';

describe('the HTTP cache rules', () => {
  it.each([
    ['/', true],
    ['/servizi/x?anno=2025', true],
    ['/en/servizi/x', true],
    ['/api/v1/results?year=2026', true],
    ['/opendata/2026/results.csv', true],
    ['/static/site/site.css', false],
    ['/healthz', false],
    ['/readyz', false],
    ['/metrics', false],
    ['/metrics/', false],
    ['/api/v1/sources', false],
    ['/api/v1/sources?x=1', false],
    ['/api/docs/static/index.css', false],
    ['/api/openapi.json', false],
    ['/servizi/x/soddisfazione?canale=web', false],
    ['/en/servizi/x/soddisfazione', false],
    ['/servizi/x/soddisfazione/grazie?esito=counted', true],
    ['/widget/soddisfazione/x?canale=web', false],
    ['/en/widget/soddisfazione/x/grazie', false],
  ])('caches %s: %s', (url, cacheable) => {
    expect(isCacheablePath(url)).toBe(cacheable);
  });

  it.each([
    [undefined, false],
    ['', false],
    ['"1-abc"', true],
    ['W/"1-abc"', true],
    ['"0-xyz", "1-abc"', true],
    ['*', false],
    ['"1-abd"', false],
    ['1-abc', false],
  ])('reads If-None-Match %j against "1-abc" as %s', (header, matches) => {
    expect(matchesIfNoneMatch(header, '"1-abc"')).toBe(matches);
  });
});
