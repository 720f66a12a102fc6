import type { HolidayCalendar } from '../calendar/bankHolidays';
import type { EpochDay } from '../calendar/civilDate';
import { clearDaysBefore, lastOfDaysBeginningWith } from '../calendar/dayKinds';
import { addCalendarMonths, lastOfYearsBeginningWith, nextAnnualDate } from '../calendar/periods';
import type { Computation } from './ruleSchema';

/** The due day of a computation from its anchor: the hot path, no explanation built. */
export function dueDay(computation: Computation, from: EpochDay, calendar: HolidayCalendar): EpochDay {
  switch (computation.kind) {
    case 'clear-days-before':
      return clearDaysBefore(calendar, from, computation.days, computation.dayKind);
    case 'days-beginning-with':
      return lastOfDaysBeginningWith(calendar, from, computation.days, computation.dayKind);
    case 'calendar-months-after':
      return addCalendarMonths(from, computation.months);
    case 'years-beginning-with':
      return lastOfYearsBeginningWith(from, computation.years);
    case 'fixed-annual-date':
      return nextAnnualDate(from, computation.month, computation.day);
  }
}
