import { describe, expect, it, vi } from 'vitest';
import type { DailyDutyRun } from '../actions/daily-duties.action.ts';
import { startDailyDutiesScheduler } from './daily-duties-scheduler.ts';

describe('the daily duties scheduler', () => {
  it('looks at once and then on each interval, one look at a time, reports what ran and what failed, and stops after the look in progress', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    let looks = 0;
    let inFlight = 0;
    let overlapped = false;
    const actions = {
      runDailyDuties: async (): Promise<DailyDutyRun[]> => {
        looks += 1;
        inFlight += 1;
        overlapped ||= inFlight > 1;
        await new Promise((resolve) => setTimeout(resolve, 15));
        inFlight -= 1;
        if (looks === 2) throw new Error('database away');
        return looks === 1 ? [{ duty: 'diffide-reminder', outcome: 'no diffida due or overdue', ok: true }] : [];
      },
    };
    const scheduler = startDailyDutiesScheduler(actions, { everyMs: 5, onRan: (run) => ran.push(run.duty), onError: (error) => errors.push(error) });
    await vi.waitFor(() => expect(looks).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    await scheduler.stop();
    const after = looks;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(looks).toBe(after);
    expect(overlapped).toBe(false);
    expect(ran).toEqual(['diffide-reminder']);
    expect(errors.map((error) => (error as Error).message)).toEqual(['database away']);
  });
});
