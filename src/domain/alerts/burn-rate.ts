/**
 * Multi-window burn-rate alerting, as the Google SRE workbook describes it ("Alerting on SLOs"), on the days misura
 * measures. A target of 95 % leaves an error budget of 5 %; the burn rate of a window is its share of bad items over
 * that budget (1 = spending the budget exactly as fast as the year allows; 10 = ten times faster). A rule fires when
 * BOTH a long window and its short window burn above the threshold: the long one proves it is not a blip, the short
 * one that it is still happening (so the alert also stops soon after the problem does).
 */

/** One day of an indicator: good items of total (availability-days: 1 of 1 for an available day). */
export interface DayCount {
  date: string;
  good: number;
  total: number;
}

export interface BurnWindow {
  longDays: number;
  shortDays: number;
  /** The burn rate both windows must reach. */
  threshold: number;
}

/**
 * Workbook pairs scaled from its 30-day objective to days: a fast burn (10× over 7 days and the last day) and a slow
 * one (2× over 30 days and the last 3). A yearly budget spent 10× faster is gone in five weeks.
 */
export const DEFAULT_BURN_WINDOWS: readonly BurnWindow[] = [
  { longDays: 7, shortDays: 1, threshold: 10 },
  { longDays: 30, shortDays: 3, threshold: 2 },
];

/** The ISO date `days` - 1 days before `through` (the first day of a window of `days` ending on `through`). */
function windowStart(through: string, days: number): string {
  const date = new Date(`${through}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - (days - 1));
  return date.toISOString().slice(0, 10);
}

/** The burn rate of the `days` ending on `through` for a target share (0.95), or null when they hold no item. */
export function burnRateOf(days: readonly DayCount[], through: string, windowDays: number, targetShare: number): number | null {
  const from = windowStart(through, windowDays);
  let good = 0;
  let total = 0;
  for (const day of days) {
    if (day.date < from || day.date > through) continue;
    good += day.good;
    total += day.total;
  }
  if (total === 0) return null;
  const budget = 1 - targetShare;
  const errorShare = 1 - good / total;
  // A target of 100 % has no budget: any error burns without limit.
  return budget <= 0 ? (errorShare > 0 ? Number.POSITIVE_INFINITY : 0) : errorShare / budget;
}

/** The first window pair whose long and short windows both burn at or above its threshold, with their rates; or null. */
export function findBurningWindow(
  days: readonly DayCount[],
  through: string,
  targetShare: number,
  windows: readonly BurnWindow[] = DEFAULT_BURN_WINDOWS,
): { window: BurnWindow; longRate: number; shortRate: number } | null {
  for (const window of windows) {
    const longRate = burnRateOf(days, through, window.longDays, targetShare);
    const shortRate = burnRateOf(days, through, window.shortDays, targetShare);
    if (longRate !== null && shortRate !== null && longRate >= window.threshold && shortRate >= window.threshold) return { window, longRate, shortRate };
  }
  return null;
}
