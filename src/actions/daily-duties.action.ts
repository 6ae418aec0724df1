import type { Actor } from '../domain/accounts/actor.ts';
import { localPartsOf } from '../domain/calendar/index.ts';
import { claimDailyRun } from '../storage/repositories/daily-run.repository.ts';
import { eraseExpiredDiffide, remindDiffide, type DiffidaDeps } from './diffida.action.ts';

/** What `misura serve` does once a day on its own, so that no cron job is needed. */
export type DailyDuty = 'diffide-reminder' | 'diffide-erasure';

/** The local hour from which the day's duties run: the reminder reaches the office in the morning. */
export const DAILY_DUTIES_FROM_HOUR = 8;

/** How many days ahead the daily reminder looks, as the back office's queue does. */
export const DAILY_REMINDER_DAYS = 14;

const SCHEDULER: Actor = { kind: 'system', name: 'daily-duties' };

export interface DailyDutiesDeps extends DiffidaDeps {
  /** MISURA_DIFFIDA_RETENTION_YEARS. */
  retentionYears: number;
}

/** One duty this call ran, and what came of it in a line for the log. */
export interface DailyDutyRun {
  duty: DailyDuty;
  outcome: string;
  /** False when it ran but did not do its work (the reminder could not be sent). */
  ok: boolean;
}

/**
 * Runs the day's duties that no server has run yet today, from DAILY_DUTIES_FROM_HOUR local time: mails the quality
 * office the diffide due within two weeks or overdue (`misura diffide remind`), and erases the personal data of those
 * past their retention (`misura diffide erase-expired`). Each duty is claimed for the day in the database first, so
 * with several servers on one database exactly one runs it; a claimed duty is not retried that day, even if its mail
 * could not be sent (the log says so, and `misura diffide remind` can be run by hand).
 */
export async function runDailyDuties(deps: DailyDutiesDeps): Promise<DailyDutyRun[]> {
  const now = deps.now?.() ?? new Date();
  const { date, hour } = localPartsOf(now, deps.timeZone);
  if (hour < DAILY_DUTIES_FROM_HOUR) return [];
  const claim = (duty: DailyDuty) => claimDailyRun(deps.database.db, duty, date, now.toISOString());
  const ran: DailyDutyRun[] = [];
  if (await claim('diffide-reminder')) {
    const reminder = await remindDiffide(deps, DAILY_REMINDER_DAYS);
    ran.push(
      reminder.due.length === 0
        ? { duty: 'diffide-reminder', outcome: 'no diffida due or overdue', ok: true }
        : { duty: 'diffide-reminder', outcome: `${reminder.due.length} diffide due or overdue: reminder ${reminder.sent ? 'sent' : 'NOT sent'}`, ok: reminder.sent },
    );
  }
  if (await claim('diffide-erasure')) {
    const erasure = await eraseExpiredDiffide(deps, SCHEDULER, { retentionYears: deps.retentionYears });
    ran.push({ duty: 'diffide-erasure', outcome: `${erasure.erased.length} diffide erased at the end of their retention, ${erasure.keptOpen.length} kept as still open`, ok: true });
  }
  return ran;
}
