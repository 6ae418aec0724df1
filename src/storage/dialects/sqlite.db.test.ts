import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../database.ts';
import { readDataVersion } from '../repositories/data-version.repository.ts';
import { walPages, writeOneRow, writePages } from './sqlite-wal.test-kit.ts';

/** Another connection, in another thread (as the rollup worker is), bumping the data version once. */
function bumpFromAnotherThread(path: string): { done: Promise<void>; finished: () => boolean } {
  const worker = new Worker(
    `const Database = require('better-sqlite3');
     const db = new Database(${JSON.stringify(path)});
     db.pragma('busy_timeout = 5000');
     db.prepare('update data_version set version = version + 1 where id = 1').run();
     db.close();`,
    { eval: true },
  );
  let finished = false;
  const done = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => {
      finished = true;
      if (code === 0) resolve();
      else reject(new Error(`the other thread exited with ${code}`));
    });
  });
  return { done, finished: () => finished };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite transactions and another connection writing at the same time', () => {
  let folder: string;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a write transaction that read first still writes: it holds the write lock from its start and the other waits', async () => {
    folder = mkdtempSync(join(tmpdir(), 'misura-sqlite-'));
    const path = join(folder, 'misura.db');
    database = await openDatabase(path);
    const before = await readDataVersion(database.db);
    let other: ReturnType<typeof bumpFromAnotherThread> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await readDataVersion(trx);
      other = bumpFromAnotherThread(path);
      await pause(300);
      // A deferred BEGIN would fail here with SQLITE_BUSY: the other thread committed after this snapshot was taken.
      expect(other.finished()).toBe(false);
      await trx.updateTable('data_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
    });
    await other?.done;
    expect(await readDataVersion(database.db)).toBe(before + 2);
  });

  it('a read-only transaction takes no write lock: the other connection writes meanwhile', async () => {
    folder = mkdtempSync(join(tmpdir(), 'misura-sqlite-'));
    const path = join(folder, 'misura.db');
    database = await openDatabase(path);
    const before = await readDataVersion(database.db);
    await database.db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        expect(await readDataVersion(trx)).toBe(before);
        await bumpFromAnotherThread(path).done;
        // Still its own snapshot.
        expect(await readDataVersion(trx)).toBe(before);
      });
    expect(await readDataVersion(database.db)).toBe(before + 1);
  });
});

describe('SQLite checkpoints', () => {
  let folder: string;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
    rmSync(folder, { recursive: true, force: true });
  });
  const open = async (backgroundCheckpoints: boolean) => {
    folder = mkdtempSync(join(tmpdir(), 'misura-sqlite-'));
    database = await openDatabase(join(folder, 'misura.db'), { backgroundCheckpoints });
    return database;
  };

  it('by default a commit that takes the write-ahead log past 1 000 pages checkpoints it, so the log starts again', async () => {
    const opened = await open(false);
    await writePages(opened, 1500);
    expect(await walPages(opened)).toBeLessThan(1500);
  });

  it('leaves the write-ahead log to whoever checkpoints when checkpoints are in the background: commits keep every page', async () => {
    const opened = await open(true);
    await writePages(opened, 1500);
    expect(await walPages(opened)).toBeGreaterThanOrEqual(1500);
  });

  it('checkpoint() copies the log into the database, so the next write starts it again', async () => {
    const opened = await open(true);
    await writePages(opened, 1500);
    await opened.checkpoint();
    await writeOneRow(opened);
    expect(await walPages(opened)).toBeLessThan(10);
  });
});
