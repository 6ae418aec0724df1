import { afterAll, afterEach } from 'vitest';
import { openContext, type AppContext } from '../src/context.ts';
import { createDialectContext, type DialectContext } from './dialects.ts';

/**
 * Several `misura serve` instances on one throw-away PostgreSQL database, for the tests of one describe block: each
 * context opened with `open` (as openContext) is closed after the test, before its database is dropped.
 */
export function useInstancesOnPostgres(): { ctx: DialectContext; open: (...args: Parameters<typeof openContext>) => Promise<AppContext> } {
  const ctx = createDialectContext('postgres');
  const contexts: AppContext[] = [];
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await ctx.cleanup();
  });
  afterAll(() => ctx.dispose());
  return {
    ctx,
    open: async (...args) => {
      const context = await openContext(...args);
      contexts.push(context);
      return context;
    },
  };
}
