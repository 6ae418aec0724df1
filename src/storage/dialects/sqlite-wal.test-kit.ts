import { sql } from 'kysely';
import type { Database } from '../database.ts';

/** Writes about `pages` pages of 4 KB to a table of its own, in transactions of 300 rows of 3 000 characters. */
export async function writePages(database: Database, pages: number): Promise<void> {
  await sql`create table if not exists filler (body text not null)`.execute(database.db);
  for (let written = 0; written < pages; written += 300) {
    await database.db.transaction().execute(async (trx) => {
      for (let row = 0; row < 300; row += 1) await sql`insert into filler (body) values (${'x'.repeat(3000)})`.execute(trx);
    });
  }
}

/** Writes one small row: after a complete checkpoint, the write-ahead log starts again from its beginning. */
export async function writeOneRow(database: Database): Promise<void> {
  await sql`insert into filler (body) values ('after')`.execute(database.db);
}

/** The pages the write-ahead log holds now (read by a passive checkpoint, so call it last). */
export async function walPages(database: Database): Promise<number> {
  const { rows } = await sql<{ log: number }>`pragma wal_checkpoint(PASSIVE)`.execute(database.db);
  return rows[0]?.log ?? -1;
}
