import { dateColumn } from '../db/enums';
import { daysInMonth, epochDayOf, formatIsoDate, MONTH_NAMES, weekdayOf } from '../domain/calendar/civilDate';
import { meetingView, meetingViewInclude } from './bodyOverview';
import { deadlinesFor } from './deadlines';
import type { Scope } from './scope';
import type { CalendarMonth } from './schemas';
import type { ReadModelDependencies } from './views';

/** A month of deadlines (all four kinds, what falls in the month only) and meetings (cancelled ones too, marked), for the calendar page. */
export async function calendarMonth(deps: ReadModelDependencies, scope: Scope, year: number, month: number, options: { personId?: string } = {}): Promise<CalendarMonth> {
  if (!Number.isInteger(year) || year < 1900 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`no such month: ${year}-${month}`);
  }
  const first = epochDayOf(year, month, 1);
  const length = daysInMonth(year, month);
  const from = formatIsoDate(first);
  const to = formatIsoDate(first + length - 1);
  const [deadlines, meetings] = await Promise.all([
    deadlinesFor(deps, scope, { from, to, includeOverdue: false, ...(options.personId ? { personId: options.personId } : {}) }),
    deps.prisma.meeting.findMany({
      where: { bodyId: { in: scope.bodyIds }, startDate: { gte: dateColumn(from), lte: dateColumn(to) } },
      include: meetingViewInclude,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  const views = meetings.map(meetingView);
  const days = Array.from({ length }, (_, i) => {
    const date = formatIsoDate(first + i);
    return {
      date,
      weekday: weekdayOf(first + i),
      deadlines: deadlines.filter((d) => d.due.date === date).map((d) => d.uid),
      meetings: views.filter((m) => m.startDate === date).map((m) => m.id),
    };
  });
  return { year, month, title: `${MONTH_NAMES[month - 1]} ${year}`, from, to, deadlines, meetings: views, days };
}
