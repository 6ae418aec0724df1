import { withoutUids } from '../../test/factories.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDialectContext } from '../../test/dialects.ts';
import { createBufferIo } from './cli-io.ts';
import { SEED_DIR } from './demo.command.ts';
import { runCli } from './main.ts';

const seeds = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'].map((f) => join(SEED_DIR, f));

async function importAndList(url: string): Promise<unknown> {
  const io = createBufferIo({ MISURA_DB_URL: url });
  expect(await runCli(['node', 'misura', 'import', ...seeds], io)).toBe(0);
  const listing = createBufferIo({ MISURA_DB_URL: url });
  expect(await runCli(['node', 'misura', 'cards', '--json'], listing)).toBe(0);
  return withoutUids(JSON.parse(listing.stdout.join('')));
}

describe('misura import with MISURA_DB_URL', () => {
  it('gives the same cards on PostgreSQL as on SQLite', async () => {
    const sqlite = createDialectContext('sqlite');
    const postgres = createDialectContext('postgres');
    try {
      const fromSqlite = await importAndList(await sqlite.freshUrl());
      const fromPostgres = await importAndList(await postgres.freshUrl());
      expect((fromPostgres as { cards: unknown[] }).cards).toHaveLength(4);
      expect(fromPostgres).toEqual(fromSqlite);
    } finally {
      await sqlite.cleanup();
      await sqlite.dispose();
      await postgres.cleanup();
      await postgres.dispose();
    }
  });
});
