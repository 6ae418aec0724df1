import { openDatabase } from '../storage/database.ts';
import { rows, T0 } from './events.test-kit.ts';
import { ingestEvents } from './ingest-events.action.ts';

/**
 * A separate process for the backup tests: ingests batches of BATCH new events (calls and checks of two sources) into
 * the database named by its argument, one transaction each, as fast as it can, telling the test after each batch
 * ({ batches }), until the test sends anything; then closes the database and exits.
 */
const BATCH = 200;
const url = process.argv[2];
if (url === undefined || process.send === undefined) throw new Error('run me with fork(file, [url])');
const send = process.send.bind(process);
let stopping = false;
process.once('message', () => (stopping = true));
const database = await openDatabase(url);
for (let batch = 0; !stopping; batch += 1) {
  const day = `2026-02-${String(1 + (batch % 28)).padStart(2, '0')}`;
  const events = rows(
    ...Array.from({ length: BATCH }, (_, i): Parameters<typeof rows>[0] =>
      i % 2 === 0
        ? { id: `b${batch}-${i}`, source: 'cc', kind: 'call.received', at: `${day}T${String(i % 24).padStart(2, '0')}:00:00Z`, attributes: { answered: i % 3 !== 0 } }
        : { id: `b${batch}-${i}`, source: 'probe', kind: 'check.http', at: `${day}T${String(i % 24).padStart(2, '0')}:30:00Z`, attributes: { ok: i % 7 !== 0 } },
    ),
  );
  await ingestEvents({ database, now: () => T0 }, events, { mode: 'all-or-nothing' });
  send({ batches: batch + 1 });
  // A SQLite ingestion never leaves the microtask queue: this lets the test's message in.
  await new Promise((resolve) => setImmediate(resolve));
}
await database.close();
process.exit(0);
