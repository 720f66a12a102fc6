/**
 * Deadline computation against a naive day-by-day walk over the same inputs, in one process.
 * `npm run bench -- deadlines`. Prints computations per second for each and their ratio.
 */
import type { Bench, BenchResult } from './support/runner';
import {
  buildHolidayCalendar,
  computeDeadline,
  DEFAULT_DEADLINE_RULES,
  dueDay,
  epochDayOf,
  formatIsoDate,
  isDayOfKind,
  type Computation,
  type DayKind,
  type EpochDay,
  type HolidayCalendar,
} from '../src/domain';

const INPUTS = 200_000;
const ROUNDS = 7;

/** The obvious implementation: step one day at a time, asking of each day whether it counts. */
function naiveDueDay(computation: Computation, from: EpochDay, calendar: HolidayCalendar): EpochDay {
  const counts = (kind: DayKind, day: EpochDay) => isDayOfKind(calendar, kind, day);
  switch (computation.kind) {
    case 'clear-days-before': {
      let day = from - 1;
      for (let counted = 0; ; day -= 1) {
        if (!counts(computation.dayKind, day)) continue;
        if (counted === computation.days) return day;
        counted += 1;
      }
    }
    case 'days-beginning-with': {
      let day = from;
      for (let counted = 0; ; day += 1) {
        if (counts(computation.dayKind, day) && ++counted === computation.days) return day;
      }
    }
    default:
      // Months, years and fixed dates involve no counting of days: the same arithmetic either way.
      return dueDay(computation, from, calendar);
  }
}

/** A fixed pseudo-random sequence, so every run measures the same inputs. */
function* lcg(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    yield state / 2 ** 32;
  }
}

interface Input {
  readonly computation: Computation;
  readonly from: EpochDay;
}

function inputsFor(computations: readonly Computation[]): Input[] {
  const random = lcg(42);
  const first = epochDayOf(1990, 1, 1);
  const span = epochDayOf(2150, 12, 31) - first;
  return Array.from({ length: INPUTS }, () => ({
    computation: computations[Math.floor(random.next().value * computations.length)]!,
    from: first + Math.floor(random.next().value * span),
  }));
}

function measure(inputs: readonly Input[], compute: (input: Input) => number): { perSecond: number; checksum: number } {
  let best = Infinity;
  let checksum = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    checksum = 0;
    const start = process.hrtime.bigint();
    for (const input of inputs) checksum += compute(input);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { perSecond: inputs.length / best, checksum };
}

function format(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)}M/s`.padStart(10);
}

function compare(label: string, computations: readonly Computation[], calendar: HolidayCalendar): { indexed: number; ratio: number } {
  const inputs = inputsFor(computations);
  for (const { computation, from } of inputs) {
    const fast = dueDay(computation, from, calendar);
    const naive = naiveDueDay(computation, from, calendar);
    if (fast !== naive) throw new Error(`${label}: ${JSON.stringify(computation)} from ${formatIsoDate(from)}: ${formatIsoDate(fast)} ≠ ${formatIsoDate(naive)}`);
  }
  const indexed = measure(inputs, ({ computation, from }) => dueDay(computation, from, calendar));
  const naive = measure(inputs, ({ computation, from }) => naiveDueDay(computation, from, calendar));
  const ratio = indexed.perSecond / naive.perSecond;
  console.log(`${label.padEnd(46)} indexed ${format(indexed.perSecond)}  naive ${format(naive.perSecond)}  ratio ${ratio.toFixed(1)}x`);
  return { indexed: indexed.perSecond, ratio };
}

export const deadlinesBench: Bench = {
  name: 'deadlines',
  description: 'deadline arithmetic (indexed) against the naive day-by-day walk',
  async run(): Promise<BenchResult> {
    const calendar = buildHolidayCalendar();
    const rules = DEFAULT_DEADLINE_RULES.map((rule) => rule.computation);
    const working = (days: number): Computation => ({ kind: 'clear-days-before', days, dayKind: 'working' });
    console.log(`${INPUTS} anchor dates from 1990 to 2150, best of ${ROUNDS} rounds, one process, one core`);
    const mixed = compare('all 20 default rules (mixed)', rules, calendar);
    const five = compare('5 clear working days (agenda-publication)', [working(5)], calendar);
    const many = compare('28 clear working days', [working(28)], calendar);
    const sundays = compare('3 clear days excl. Sundays and holidays', [{ kind: 'clear-days-before', days: 3, dayKind: 'not-sunday-or-holiday' }], calendar);
    const agenda = DEFAULT_DEADLINE_RULES[0]!;
    const explained = measure(inputsFor([agenda.computation]).slice(0, 20_000), ({ from }) => computeDeadline(agenda, formatIsoDate(from), calendar).due.length);
    const slowest = Math.min(mixed.indexed, five.indexed, many.indexed, sundays.indexed);
    return {
      name: 'deadlines',
      size: `${INPUTS} anchor dates per case, best of ${ROUNDS}`,
      ratio: mixed.ratio,
      goal: 'every indexed computation ≥ 1M/s (ratio: mixed rules vs the naive walk)',
      met: slowest >= 1e6,
      figures: {
        'mixed rules ratio': Number(mixed.ratio.toFixed(1)),
        '5 clear working days ratio': Number(five.ratio.toFixed(1)),
        '28 clear working days ratio': Number(many.ratio.toFixed(1)),
        '3 clear days excl. Sundays ratio': Number(sundays.ratio.toFixed(1)),
        'slowest indexed (M/s)': Number((slowest / 1e6).toFixed(2)),
        'computeDeadline with explanation (M/s)': Number((explained.perSecond / 1e6).toFixed(2)),
      },
    };
  },
};
