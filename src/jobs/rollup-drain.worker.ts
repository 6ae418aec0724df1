import { parentPort, workerData } from 'node:worker_threads';
import { openContext, type AppContext } from '../context.ts';
import type { RollupDrainReply, RollupDrainRequest, RollupDrainWorkerData } from './rollup-drain-messages.ts';

/**
 * The rollup drain worker thread: its own context (its own database connection) on the main context's environment,
 * draining the rollup queue and checkpointing the database when asked, so neither folding days nor copying the
 * write-ahead log takes the main thread's time. Started by
 * rollup-drain-worker.ts through rollup-drain-worker-entry.mjs.
 */
if (parentPort === null) throw new Error('rollup-drain.worker.ts runs as a worker thread (see startRollupDrainWorker)');
const port = parentPort;
const { env } = workerData as RollupDrainWorkerData;

// Opened once; a failure to open is answered to every drain rather than killing the thread without a word.
const opening: Promise<AppContext> = openContext(env);
opening.catch(() => undefined);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one request's work and answers it by its id, with the reply the work makes or with its error's message. */
async function answer(id: number, work: (context: AppContext) => Promise<RollupDrainReply>): Promise<void> {
  let reply: RollupDrainReply;
  try {
    reply = await work(await opening);
  } catch (error) {
    reply = { type: 'failed', id, message: messageOf(error) };
  }
  port.postMessage(reply);
}

async function close(): Promise<void> {
  try {
    await (await opening).close();
  } catch {
    // Nothing was opened, or closing failed: the thread ends either way.
  }
  port.close();
  process.exit(0);
}

port.on('message', (message: RollupDrainRequest) => {
  switch (message.type) {
    case 'drain':
      void answer(message.id, async ({ actions }) => ({ type: 'drained', id: message.id, summary: await actions.drainRollupQueue() }));
      break;
    case 'checkpoint':
      void answer(message.id, async ({ actions }) => {
        await actions.checkpointDatabase();
        return { type: 'checkpointed', id: message.id };
      });
      break;
    case 'close':
      void close();
      break;
  }
});
