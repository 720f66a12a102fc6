import { civilDateOf, MONTH_NAMES, type EpochDay } from './civilDate';

function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "17, 18, 19, 22 and 23 July 2019"; "30 December 2021 and 4 January 2022". Days must be sorted. */
export function formatDayList(days: readonly EpochDay[]): string {
  const groups: Array<{ year: number; month: number; days: number[] }> = [];
  for (const epochDay of days) {
    const { year, month, day } = civilDateOf(epochDay);
    const last = groups[groups.length - 1];
    if (last && last.year === year && last.month === month) last.days.push(day);
    else groups.push({ year, month, days: [day] });
  }
  const parts = groups.map((group, i) => {
    const next = groups[i + 1];
    const yearSuffix = next && next.year === group.year ? '' : ` ${group.year}`;
    return `${joinWithAnd(group.days.map(String))} ${MONTH_NAMES[group.month - 1]}${yearSuffix}`;
  });
  return parts.length > 2 ? parts.join(', ') : joinWithAnd(parts);
}
