import type { DailyDutyRun } from '../actions/daily-duties.action.ts';
import { startRepeating, type RepeatingLoop } from './repeat-loop.ts';

export interface DailyDutiesSchedulerOptions {
  /** Between two looks at the clock. Default 15 minutes: the duties run within a quarter of an hour of their time. */
  everyMs?: number;
  onRan?: (run: DailyDutyRun) => void;
  onError?: (error: unknown) => void;
}

/**
 * Looks, inside `misura serve`, every quarter of an hour whether a daily duty is due (runDailyDuties decides, and
 * claims each duty for the day in the database), one look at a time, until stopped.
 */
export function startDailyDutiesScheduler(actions: { runDailyDuties(): Promise<DailyDutyRun[]> }, options: DailyDutiesSchedulerOptions = {}): RepeatingLoop {
  const look = async () => {
    for (const run of await actions.runDailyDuties()) options.onRan?.(run);
  };
  return startRepeating(look, options.everyMs ?? 15 * 60_000, options.onError);
}
