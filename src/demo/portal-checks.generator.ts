import { nextLocalDate, startOfLocalDay } from '../domain/calendar/index.ts';
import type { MeasureEvent } from '../domain/events/event.ts';
import type { DemoSpan } from './demo-span.ts';
import { demoEvent, MONITORS } from './demo-scenario.ts';
import type { FailingInterval, OutagePlan } from './outage-plan.ts';
import type { Random } from './random.ts';

const MINUTE = 60_000;

/**
 * HTTP checks of the portals and app backends, every 12–15 minutes day and night (like an Uptime Kuma probe with
 * jitter), failing inside the planned outages. Source "probe", kind "check.http", subject = the monitor.
 */
export function* generatePortalChecks(span: DemoSpan, plan: OutagePlan, random: Random): Generator<MeasureEvent> {
  for (const monitor of MONITORS) {
    const failing = plan.failing.get(monitor.name) ?? new Map<string, FailingInterval[]>();
    let time = span.dates.length === 0 ? span.end.getTime() : startOfLocalDay(span.from, span.calendar.timeZone).getTime() + random.int(0, 9 * 60) * 1000;
    let dateIndex = 0;
    let date = span.dates[0] ?? span.from;
    let nextDayStart = startOfLocalDay(nextLocalDate(date), span.calendar.timeZone).getTime();
    while (time < span.end.getTime()) {
      while (time >= nextDayStart) {
        dateIndex += 1;
        date = span.dates[dateIndex] ?? date;
        nextDayStart = startOfLocalDay(nextLocalDate(date), span.calendar.timeZone).getTime();
      }
      const ok = !(failing.get(date) ?? []).some((interval) => time >= interval.from && time < interval.to);
      const occurredAt = new Date(time);
      const iso = occurredAt.toISOString().slice(0, 19);
      yield demoEvent('probe', 'check.http', `${monitor.name}@${iso}`, monitor.name, occurredAt, {
        monitor: monitor.name,
        channel: monitor.channel,
        url: monitor.url,
        ok,
        status: ok ? 200 : random.pick([502, 503, 504, 0]),
        latencyMs: ok ? random.int(120, 950) : random.int(30, 10_000),
      });
      time += random.int(12, 14) * MINUTE + random.int(0, 59) * 1000;
    }
  }
}
