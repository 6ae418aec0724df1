import { nextLocalDate, startOfLocalDay } from '../domain/calendar/index.ts';
import { type DemoSpan, spanDays } from './demo-span.ts';
import { MONITORS, RETI_SOCIALI_DISRUPTION_DAYS, SERVICE_KEYS, type Monitor } from './demo-scenario.ts';
import type { Random } from './random.ts';

/** Days of the forecast window (evaluation extrapolates from the last four weeks). */
const RECENT_DAYS = 28;

/** A span of time in which a monitor's checks fail, in epoch milliseconds [from, to). */
export interface FailingInterval {
  from: number;
  to: number;
}

/** When each monitor fails, and which days each service's incident log records as disruption. */
export interface OutagePlan {
  /** monitor name → local date → failing intervals of that day. */
  failing: Map<string, Map<string, FailingInterval[]>>;
  /** monitor name → the dates with a long outage (the day counts as unavailable). */
  unavailableDays: Map<string, string[]>;
  /** service key → dates with a disruption for users. */
  disruptionDays: Map<string, string[]>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Plans outages: per monitor, some days with a long outage (3–8 hours, or the whole day in a breakdown) and, on the
 * other days, at most one short blip (≤ 30 minutes) and one isolated failed check, which keep the day available under
 * both day rules of seeds/measures.yaml (≥ 95% of checks, no outage over 1 hour).
 */
export function planOutages(span: DemoSpan, random: Random): OutagePlan {
  const failing = new Map<string, Map<string, FailingInterval[]>>();
  const unavailableDays = new Map<string, string[]>();
  const disruptionDays = new Map<string, string[]>();
  for (const monitor of MONITORS) {
    const { days, breakdown } = unavailableDaysOf(monitor, span, random);
    unavailableDays.set(monitor.name, days);
    const down = new Set(days);
    const byDate = new Map<string, FailingInterval[]>();
    for (const date of span.dates) {
      const dayStart = startOfLocalDay(date, span.calendar.timeZone).getTime();
      const dayEnd = startOfLocalDay(nextLocalDate(date), span.calendar.timeZone).getTime();
      const intervals: FailingInterval[] = [];
      if (down.has(date)) {
        if (breakdown.has(date)) {
          intervals.push({ from: dayStart, to: dayEnd });
        } else {
          const from = dayStart + random.int(7, 15) * HOUR + random.int(0, 59) * MINUTE;
          intervals.push({ from, to: Math.min(dayEnd, from + random.int(180, 480) * MINUTE) });
        }
      } else {
        if (random.chance(0.08)) {
          const from = dayStart + random.int(0, 22 * 60) * MINUTE;
          intervals.push({ from, to: from + random.int(15, 30) * MINUTE });
        }
        if (random.chance(0.1)) {
          const from = dayStart + random.int(0, 23 * 60) * MINUTE;
          // Shorter than the shortest gap between checks: it fails one check at most.
          intervals.push({ from, to: from + 9 * MINUTE });
        }
      }
      if (intervals.length > 0) byDate.set(date, intervals);
    }
    failing.set(monitor.name, byDate);
    if (monitor.disruptionOf !== null) disruptionDays.set(monitor.disruptionOf, days);
  }
  disruptionDays.set(SERVICE_KEYS.retiSociali, retiSocialiDisruptions(span, random));
  return { failing, unavailableDays, disruptionDays };
}

/**
 * The days a monitor is down for long, in date order. A monitor that fails often also has a breakdown: a third of its
 * bad days in a row, failing all day. Others keep their bad days out of the last four weeks.
 */
function unavailableDaysOf(monitor: Monitor, span: DemoSpan, random: Random): { days: string[]; breakdown: Set<string> } {
  const total = spanDays(span);
  let wanted = Math.round(total * monitor.unavailableShare);
  if (monitor.atLeastOne) wanted = Math.max(1, wanted);
  const dateOf = (index: number): string => span.dates[index] ?? span.from;
  if (monitor.keepOutOfRecentWeeks) {
    return { days: random.sample(Math.max(0, total - RECENT_DAYS), wanted).map(dateOf), breakdown: new Set() };
  }
  const run = Math.floor(wanted / 3);
  const runStart = random.int(0, Math.max(0, total - run));
  const chosen = new Set<number>();
  for (let i = 0; i < run; i++) chosen.add(runStart + i);
  for (const index of random.sample(total, wanted * 2)) if (chosen.size < wanted) chosen.add(index);
  const days = [...chosen].sort((a, b) => a - b).map(dateOf);
  const breakdown = new Set(Array.from({ length: run }, (_, i) => dateOf(runStart + i)));
  return { days, breakdown };
}

/**
 * Days of disruption of the blog and social pages: RETI_SOCIALI_DISRUPTION_DAYS of the 15 allowed so far (budget
 * almost spent), or, in the first two weeks of the year, one day recent enough to make the forecast cross the target.
 */
function retiSocialiDisruptions(span: DemoSpan, random: Random): string[] {
  const total = spanDays(span);
  if (total < RETI_SOCIALI_DISRUPTION_DAYS) return [span.lastDate];
  return random.sample(total, RETI_SOCIALI_DISRUPTION_DAYS).map((index) => span.dates[index] ?? span.from);
}
