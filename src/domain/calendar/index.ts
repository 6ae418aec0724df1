/** The Italian calendar: local dates in a time zone, national and local holidays, working days, service hours. */
export {
  addDays,
  assertTimeZone,
  datesOfYear,
  daysBetween,
  daysInMonth,
  daysInYear,
  DEFAULT_TIME_ZONE,
  formatLocalDate,
  instantOf,
  localDateOf,
  localPartsOf,
  minutesInLocalDay,
  nextLocalDate,
  parseLocalDate,
  parseLocalTime,
  previousLocalDate,
  startOfLocalDay,
  utcOffsetMinutesAt,
  weekdayOf,
} from './time-zone.ts';
export type { LocalDateParts, LocalParts } from './time-zone.ts';
export {
  assertLocalHoliday,
  easterSundayOf,
  FIRST_HOLIDAY_YEAR,
  holidaysOf,
  isHoliday,
  LAST_HOLIDAY_YEAR,
  nationalHolidayRulesOf,
  SAN_FRANCESCO_FROM_YEAR,
} from './holidays.ts';
export type { Holiday, HolidayOptions, LocalHoliday } from './holidays.ts';
export {
  addWorkingDays,
  assertWorkCalendar,
  countWorkingDays,
  DEFAULT_WORK_CALENDAR,
  isWorkingDay,
  workCalendarOf,
  workingDaysBetween,
} from './working-days.ts';
export type { WorkCalendar } from './working-days.ts';
export {
  assertServiceHours,
  isServiceDay,
  isWithinServiceHours,
  serviceHoursOfDay,
  serviceIntervalOf,
  serviceMinutesBetween,
} from './service-hours.ts';
export type { ServiceHours, ServiceInterval } from './service-hours.ts';
