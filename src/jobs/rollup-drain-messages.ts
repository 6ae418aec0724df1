import type { DrainSummary } from '../actions/drain-rollup-queue.action.ts';

/** What the main thread sends the rollup drain worker. */
export type RollupDrainRequest = { type: 'drain'; id: number } | { type: 'close' };

/** What the rollup drain worker answers: one reply per drain request, by its id. */
export type RollupDrainReply = { type: 'drained'; id: number; summary: DrainSummary } | { type: 'failed'; id: number; message: string };

/** The worker's start data: the environment the main context was opened with. */
export interface RollupDrainWorkerData {
  env: Record<string, string | undefined>;
}
