import { Worker } from 'node:worker_threads';
import type { DrainSummary } from '../actions/drain-rollup-queue.action.ts';
import { coalesceRuns } from '../domain/shared/coalesced-runs.ts';
import type { RollupDrainReply, RollupDrainRequest, RollupDrainWorkerData } from './rollup-drain-messages.ts';

/** The main thread's handle on the rollup drain worker thread. */
export interface RollupDrainWorker {
  /** Drains the rollup queue in the worker; a call made while one waits to be sent shares it, as the action does. */
  drain(): Promise<DrainSummary>;
  /** Checkpoints the database in the worker; a call made while one waits to be sent shares it. */
  checkpoint(): Promise<void>;
  /** Waits for the drains and checkpoints already asked for, then stops the worker; later calls reject. */
  close(): Promise<void>;
}

const ENTRY = new URL('./rollup-drain-worker-entry.mjs', import.meta.url);

/** How long close() lets the worker close its database before terminating it. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Starts a worker thread that drains the rollup queue of the database `env` configures (its own connection), so the
 * main thread keeps serving while days are folded. The worker is unreferenced while idle (it never keeps the process
 * alive by itself) and referenced while a drain is pending (an awaited drain is always answered). A drain that fails
 * in the worker rejects with the worker's message; a worker that dies rejects the drain pending in it and is started
 * again by the next drain.
 */
export function startRollupDrainWorker(env: Record<string, string | undefined>): RollupDrainWorker {
  const workerData: RollupDrainWorkerData = { env: { ...env } };
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { task: string; resolve: (reply: RollupDrainReply) => void; reject: (error: Error) => void }>();
  // Drains one at a time, checkpoints one at a time; one asked for while another waits to be sent shares it.
  const drainInTurn = coalesceRuns(async () => {
    const reply = await send('drain');
    if (reply.type !== 'drained') throw new Error(`the rollup drain worker answered ${reply.type} to a drain`);
    return reply.summary;
  });
  const checkpointInTurn = coalesceRuns(async () => {
    await send('checkpoint');
  });
  // Every call made, so that close() waits for them.
  let calls: Promise<void> = Promise.resolve();
  let closing = false;
  /** Refuses a call once closing; otherwise makes it and keeps it for close() to wait for. */
  const accept = <T>(make: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new Error('the rollup drain worker is closed'));
    const made = make();
    calls = Promise.all([calls, made.catch(() => undefined)]).then(() => undefined);
    return made;
  };

  const failPending = (error: Error): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const spawn = (): Worker => {
    // execArgv []: the flags of vitest or tsx would load their loaders a second time, or fail, in the thread.
    const started = new Worker(ENTRY, { workerData, execArgv: [] });
    started.unref();
    started.on('message', (reply: RollupDrainReply) => {
      const request = pending.get(reply.id);
      if (request === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.type === 'failed') request.reject(new Error(`${request.task} failed in the drain worker: ${reply.message}`));
      else request.resolve(reply);
    });
    started.on('error', (error) => {
      failPending(new Error(`the rollup drain worker crashed: ${error.message}`, { cause: error }));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failPending(new Error(`the rollup drain worker stopped (exit code ${code}) before answering; the next drain starts it again`));
    });
    return started;
  };

  const send = (type: 'drain' | 'checkpoint'): Promise<RollupDrainReply> =>
    new Promise<RollupDrainReply>((resolve, reject) => {
      worker ??= spawn();
      const id = nextId;
      nextId += 1;
      pending.set(id, { task: type === 'drain' ? 'recomputing the queued rollups' : 'checkpointing the database', resolve, reject });
      worker.ref();
      worker.postMessage({ type, id } satisfies RollupDrainRequest);
    });

  // Started at once, so that opening its database and loading its code does not delay the first drain.
  worker = spawn();

  return {
    drain: () => accept(() => drainInTurn(undefined)),
    checkpoint: () => accept(() => checkpointInTurn(undefined)),
    async close() {
      closing = true;
      await calls;
      const stopping = worker;
      worker = undefined;
      if (stopping === undefined) return;
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.ref();
      stopping.postMessage({ type: 'close' } satisfies RollupDrainRequest);
      const timer = setTimeout(() => void stopping.terminate(), CLOSE_GRACE_MS);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
