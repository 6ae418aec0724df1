import type { Weekday } from '../cards/card.ts';
import { instantOf, localDateOf, parseLocalTime, previousLocalDate, weekdayOf } from '../calendar/time-zone.ts';
import { UserError } from '../shared/errors.ts';

/**
 * A planned maintenance of what a probe watches. The probe keeps checking during it, and marks those checks
 * `maintenance: true`: a measure that excludes planned maintenance adds `{ attribute: maintenance, op: '!=', value:
 * true }` to its checks, one that does not counts them as any other check. Either way the windows are public.
 */
export type MaintenanceWindow = { id: number } & NewMaintenanceWindow;

/** A window before it is stored. */
export type NewMaintenanceWindow = { probe: string; reason: string } & MaintenanceTime;

export type MaintenanceTime =
  /** Once, between two instants (UTC ISO). */
  | { kind: 'once'; from: string; to: string }
  /** Every week on a local weekday (1 = Monday … 7 = Sunday) from a local time, for some minutes. */
  | { kind: 'weekly'; weekday: Weekday; at: string; minutes: number };

/** A window as written: `--from/--to` (ISO instants with their offset) or `--weekly <day> --at HH:MM --minutes N`. */
export interface MaintenanceWindowInput {
  probe: string;
  reason: string;
  from?: string;
  to?: string;
  weekly?: string;
  at?: string;
  minutes?: string;
}

const WEEKDAYS: Record<string, Weekday> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7, lun: 1, mar: 2, mer: 3, gio: 4, ven: 5, sab: 6, dom: 7 };
const WEEK_MINUTES = 7 * 24 * 60;

/** Validates a window as written; every error names its field. */
export function parseMaintenanceWindow(input: MaintenanceWindowInput): NewMaintenanceWindow {
  const reason = input.reason.trim();
  if (reason === '') throw new UserError('say why (it is published beside the indicator), e.g. --reason "aggiornamento del portale"', { field: 'reason' });
  if (reason.length > 500) throw new UserError(`is ${reason.length} characters long; at most 500`, { field: 'reason' });
  if (input.weekly !== undefined) {
    if (input.from !== undefined || input.to !== undefined) throw new UserError('a window is either weekly or once (--from/--to), not both', { field: 'weekly' });
    const weekday = WEEKDAYS[input.weekly.trim().toLowerCase().slice(0, 3)];
    if (weekday === undefined) throw new UserError(`"${input.weekly}" is not a weekday: mon … sun (or lun … dom)`, { field: 'weekly' });
    const at = (input.at ?? '').trim();
    try {
      parseLocalTime(at);
    } catch {
      throw new UserError(`"${at}" is not a time written HH:MM`, { field: 'at' });
    }
    const minutes = Number(input.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes >= WEEK_MINUTES) throw new UserError(`"${input.minutes ?? ''}" must be a whole number of minutes, 1 to ${WEEK_MINUTES - 1}`, { field: 'minutes' });
    return { probe: input.probe, reason, kind: 'weekly', weekday, at, minutes };
  }
  const from = parseInstant(input.from, 'from');
  const to = parseInstant(input.to, 'to');
  if (to.getTime() <= from.getTime()) throw new UserError('the window must end after it starts', { field: 'to' });
  return { probe: input.probe, reason, kind: 'once', from: from.toISOString(), to: to.toISOString() };
}

function parseInstant(text: string | undefined, field: string): Date {
  // An instant, with its offset: "2026-03-08T02:00:00+01:00" or "…Z". A local time without one would be ambiguous.
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim()) || Number.isNaN(Date.parse(text))) {
    throw new UserError(`"${text ?? ''}" is not an instant with its offset, e.g. 2026-03-08T02:00+01:00`, { field });
  }
  return new Date(text);
}

/** The window of `probe` that holds the instant, or null. Weekly windows follow the local clock of `timeZone`. */
export function findMaintenanceAt(windows: readonly MaintenanceWindow[], probe: string, instant: Date, timeZone: string): MaintenanceWindow | null {
  const at = instant.getTime();
  for (const window of windows) {
    if (window.probe !== probe && window.probe !== '*') continue;
    if (window.kind === 'once') {
      if (at >= Date.parse(window.from) && at < Date.parse(window.to)) return window;
      continue;
    }
    // A weekly window may start on the day before and run past midnight (or further: up to a week).
    let date = localDateOf(instant, timeZone);
    for (let back = 0; back <= Math.ceil(window.minutes / 1440); back += 1, date = previousLocalDate(date)) {
      if (weekdayOf(date) !== window.weekday) continue;
      const start = instantOf(date, window.at, timeZone).getTime();
      if (at >= start && at < start + window.minutes * 60_000) return window;
    }
  }
  return null;
}

/** The window in a few words, for lists and pages. */
export function describeMaintenanceTime(window: MaintenanceTime): string {
  if (window.kind === 'once') return `${window.from} → ${window.to}`;
  const day = Object.entries(WEEKDAYS).find(([, number]) => number === window.weekday)?.[0] ?? String(window.weekday);
  return `every ${day} from ${window.at} for ${window.minutes} min`;
}
