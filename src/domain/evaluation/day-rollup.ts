/**
 * One indicator's events of one local day (Europe/Rome), folded. Evaluating a year reads at most 366 of these
 * per indicator, whatever the number of events. Meaning of the fields per measure kind:
 * - ratio, register, freshness: good and total counts;
 * - availability-days: total = 1 when the day has data, good = 1 when it was available; sum = % of the day's checks
 *   that passed, max = the longest outage in minutes (both computed whatever the day's rule);
 * - duration: total = items ended that day, good = items within the limit, sum/max = their durations;
 * - count: total = events that day, good = 1 when the day counts (a working day with an event, for "working-days"),
 *   or the number of events for count "events";
 * - snapshot: total = 1, sum = max = the last value recorded that day, `lastAt` its instant.
 */
export interface DayRollup {
  /** 'YYYY-MM-DD', local date in the indicator's time zone. */
  date: string;
  good: number;
  total: number;
  sum: number;
  max: number | null;
  /** ISO instant of the latest event folded in. */
  lastAt: string | null;
}
