import { FIRST_HOLIDAY_YEAR, LAST_HOLIDAY_YEAR, parseLocalDate, startOfLocalDay } from '../calendar/index.ts';

/**
 * The span of time an event may fall in. Outside it an event cannot be measured (the calendar knows the holidays of
 * FIRST_HOLIDAY_YEAR–LAST_HOLIDAY_YEAR only, and a day out of it would make every rollup fail) and is almost surely a
 * typo or a broken clock ("2000-01-01", "9999-12-31"): it is refused on its line, by every way events come in.
 */
export interface EventWindow {
  /** The first instant accepted: the start of `fromDate` in the administration's time zone. */
  from: Date;
  /** The first local date accepted ('YYYY-MM-DD'). */
  fromDate: string;
  /** The last instant accepted. */
  until: Date;
  /** Why the window starts on fromDate, as a message says it. */
  fromReason: string;
  /** Why the window ends at until. */
  untilReason: string;
}

/** What an operator may set (see src/config/config.ts); absent fields take the defaults. */
export interface EventWindowSettings {
  /** The first local date events may fall on ('YYYY-MM-DD'). Default: 1 January of the year before the earliest card edition. */
  from?: string;
  /** How many days past the clock an event may lie (clocks that run fast, feeds that stamp ahead). Default 1. */
  daysAhead?: number;
}

export const DEFAULT_EVENT_DAYS_AHEAD = 1;
/** The most days ahead a setting may allow: beyond a year an event is not a clock's slip. */
export const MAX_EVENT_DAYS_AHEAD = 366;
/** The first date any window may start on: the holidays of earlier years are not known. */
export const EARLIEST_EVENT_DATE = `${FIRST_HOLIDAY_YEAR}-01-01`;

const MS_PER_DAY = 86_400_000;

export interface EventWindowInput {
  now: Date;
  /** The year of the earliest dated card edition stored, or null when there is none. */
  earliestEditionYear: number | null;
  /** The administration's time zone: the window starts at its local midnight. */
  timeZone: string;
  settings?: EventWindowSettings;
}

/**
 * The window for an ingestion at `now`: from 1 January of the year before the earliest card edition (a card's first
 * year is often measured from events of the year before), or the configured date, never before EARLIEST_EVENT_DATE;
 * until `daysAhead` days after now.
 */
export function eventWindowOf(input: EventWindowInput): EventWindow {
  const { settings = {} } = input;
  let fromDate: string;
  let fromReason: string;
  if (settings.from !== undefined) {
    fromDate = settings.from;
    fromReason = 'the first date this server accepts events for (MISURA_EVENTS_FROM)';
  } else if (input.earliestEditionYear !== null) {
    fromDate = `${input.earliestEditionYear - 1}-01-01`;
    fromReason = `1 January of the year before the earliest card edition (${input.earliestEditionYear})`;
  } else {
    fromDate = EARLIEST_EVENT_DATE;
    fromReason = 'the first day whose holidays are known';
  }
  if (fromDate < EARLIEST_EVENT_DATE) {
    fromDate = EARLIEST_EVENT_DATE;
    fromReason = 'the first day whose holidays are known';
  }
  const daysAhead = Math.min(MAX_EVENT_DAYS_AHEAD, Math.max(0, settings.daysAhead ?? DEFAULT_EVENT_DAYS_AHEAD));
  const lastMeasurable = startOfLocalDay(`${LAST_HOLIDAY_YEAR}-12-31`, input.timeZone).getTime();
  const until = new Date(Math.min(input.now.getTime() + daysAhead * MS_PER_DAY, lastMeasurable));
  const untilReason = `events may lie at most ${daysAhead} ${daysAhead === 1 ? 'day' : 'days'} ahead of the server's clock (MISURA_EVENTS_UNTIL_DAYS_AHEAD)`;
  return { from: startOfLocalDay(fromDate, input.timeZone), fromDate, until, fromReason, untilReason };
}

/** Why an instant is outside the window, or undefined when it is inside. */
export function instantOutsideWindow(instant: Date, window: EventWindow): string | undefined {
  const ms = instant.getTime();
  if (ms < window.from.getTime()) return `${instantText(instant)} is before ${window.fromDate}, ${window.fromReason}`;
  if (ms > window.until.getTime()) return `${instantText(instant)} is after ${window.until.toISOString()}: ${window.untilReason}`;
  return undefined;
}

/** Whether a text is a local date 'YYYY-MM-DD' that exists (for settings). */
export function isLocalDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

function instantText(instant: Date): string {
  return Number.isNaN(instant.getTime()) ? 'the instant' : `'${instant.toISOString()}'`;
}
