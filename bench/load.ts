import { fork } from 'node:child_process';
import type { MeasureEvent } from '../src/domain/events/event.ts';
import type { LoadJob, LoadResult } from './load-client.ts';

export type { LoadJob, LoadResult };

/** Runs one load job in a separate process (bench/load-client.ts) and resolves with what it measured. */
export function measureLoad(job: LoadJob): Promise<LoadResult> {
  return runClient<LoadJob, LoadResult>('./load-client.ts', job);
}

/**
 * Runs a bench client (a script of this folder that answers the job it is sent with one message) in its own process,
 * so that it does not take the server's core, and resolves with its answer.
 */
export function runClient<Job, Result>(script: string, job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(script, import.meta.url), { execArgv: process.execArgv });
    child.once('message', (result) => resolve(result as Result));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the bench client ${script} exited with code ${code}`));
    });
    child.send(job as object);
  });
}

/** Bench settings from the environment: BENCH_SECONDS (per measurement, default 5), BENCH_CONNECTIONS (default 16). */
export function benchSettings(env: Record<string, string | undefined> = process.env): { durationMs: number; connections: number } {
  const seconds = Number(env.BENCH_SECONDS ?? 5);
  const connections = Number(env.BENCH_CONNECTIONS ?? 16);
  if (!(seconds > 0 && seconds <= 120)) throw new Error(`BENCH_SECONDS must be from 0 to 120, got "${env.BENCH_SECONDS}"`);
  if (!Number.isInteger(connections) || connections < 1 || connections > 256) throw new Error(`BENCH_CONNECTIONS must be 1-256, got "${env.BENCH_CONNECTIONS}"`);
  return { durationMs: seconds * 1000, connections };
}

/** A number with thousands separators and `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** How many alternating rounds a side-by-side bench runs: BENCH_ROUNDS, default 3. */
export function benchRounds(env: Record<string, string | undefined> = process.env): number {
  const rounds = Number(env.BENCH_ROUNDS ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error(`BENCH_ROUNDS must be 1-20, got "${env.BENCH_ROUNDS}"`);
  return rounds;
}

/** The result with the median requests per second. */
export function median(results: readonly LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no result to take the median of');
  return middle;
}

/** Events cut into requests of one source each (a token is per source), at most `size` long, in their order. */
export function batchesOf(events: readonly MeasureEvent[], size: number): MeasureEvent[][] {
  const batches: MeasureEvent[][] = [];
  let current: MeasureEvent[] = [];
  for (const event of events) {
    if (current.length === size || (current.length > 0 && current[0]!.source !== event.source)) {
      batches.push(current);
      current = [];
    }
    current.push(event);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
