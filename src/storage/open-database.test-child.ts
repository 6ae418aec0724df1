import { openDatabase } from './database.ts';

/**
 * A separate process for database.db.test.ts: loads everything, says "ready", and opens (migrating) the database named
 * by its argument when the test says "go", so that every child opens at the same moment. Exits 0 when the database
 * opened, 1 with the error on stderr otherwise.
 */
const url = process.argv[2];
if (url === undefined || process.send === undefined) throw new Error('run me with fork(file, [url])');
process.once('message', () => {
  openDatabase(url)
    .then((database) => database.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
});
process.send('ready');
