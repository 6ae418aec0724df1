import type { DrainSummary } from '../actions/drain-rollup-queue.action.ts';

/** What the main thread sends the rollup drain worker: drain the queue, checkpoint the database, stop. */
export type RollupDrainRequest = { type: 'drain'; id: number } | { type: 'checkpoint'; id: number } | { type: 'close' };

/** What the rollup drain worker answers: one reply per drain or checkpoint request, by its id. */
export type RollupDrainReply =
  | { type: 'drained'; id: number; summary: DrainSummary }
  | { type: 'checkpointed'; id: number }
  | { type: 'failed'; id: number; message: string };

/** The worker's start data: the environment the main context was opened with. */
export interface RollupDrainWorkerData {
  env: Record<string, string | undefined>;
}
