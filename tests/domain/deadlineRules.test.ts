import { DEFAULT_CATALOGUE, deadlineFor, UnknownRuleError } from '../../src/domain/catalogue/catalogue';
import { DEFAULT_DEADLINE_RULES } from '../../src/domain/rules/defaultRules';

const STABLE_IDS = [
  'agenda-publication', 'public-participation-notice', 'executive-meeting-notice', 'private-meeting-notice',
  'private-meeting-final-notice', 'key-decision-notice', 'dpi-registration', 'crime-disorder-scrutiny', 'dhr-decision',
  'dhr-completion', 'svd-strategy-review', 'da-strategy-review', 'precept-notification', 'precept-panel-report',
  'precept-response', 'precept-revised-report', 'channel-assurance-statement', 'strategic-assessment',
  'community-safety-agreement', 'partnership-plan-revision',
];

const deadline = (ruleId: string, from: string) => deadlineFor(DEFAULT_CATALOGUE, ruleId, from);

describe('deadline rules', () => {
  it('has exactly the stable ids', () => {
    expect(DEFAULT_DEADLINE_RULES.map((rule) => rule.id).sort()).toEqual([...STABLE_IDS].sort());
  });

  it('cites legislation.gov.uk for every statute rule', () => {
    for (const rule of DEFAULT_DEADLINE_RULES.filter((candidate) => candidate.confidence === 'statute')) {
      expect(rule.basis.url).toMatch(/^https:\/\/www\.legislation\.gov\.uk\//);
    }
  });

  it('explains every unconfirmed rule', () => {
    for (const rule of DEFAULT_DEADLINE_RULES.filter((candidate) => candidate.confidence === 'unconfirmed')) {
      expect(rule.note).toBeDefined();
    }
  });

  // [rule, from, due, why]
  it.each([
    ['agenda-publication', '2025-04-24', '2025-04-14', 'Easter 2025'],
    ['agenda-publication', '2025-01-15', '2025-01-07', 'worked example'],
    ['agenda-publication', '2019-07-24', '2019-07-16', 'worked example'],
    ['agenda-publication', '2025-01-20', '2025-01-10', 'Monday meeting: publish on a working day'],
    ['agenda-publication', '2022-01-05', '2021-12-23', 'Christmas 2021 and New Year 2022 substitutes'],
    ['agenda-publication', '2023-01-05', '2022-12-23', 'Christmas 2022 and New Year 2023 substitutes'],
    ['agenda-publication', '2022-06-08', '2022-05-27', 'Platinum Jubilee'],
    ['agenda-publication', '2022-09-22', '2022-09-13', 'state funeral'],
    ['agenda-publication', '2023-05-12', '2023-05-03', 'coronation'],
    ['agenda-publication', '2020-05-13', '2020-05-04', 'VE Day 2020'],
    ['agenda-publication', '2024-03-05', '2024-02-26', '29 February 2024'],
    ['agenda-publication', '2025-09-01', '2025-08-21', 'summer bank holiday at a month end'],
    ['public-participation-notice', '2025-04-24', '2025-04-23T09:00', 'BST'],
    ['public-participation-notice', '2025-04-22', '2025-04-17T09:00', 'across Easter'],
    ['public-participation-notice', '2025-03-31', '2025-03-28T09:00', 'before the clocks go forward'],
    ['public-participation-notice', '2025-04-01', '2025-03-31T09:00', 'after the clocks go forward'],
    ['public-participation-notice', '2025-10-27', '2025-10-24T09:00', 'before the clocks go back'],
    ['public-participation-notice', '2025-10-28', '2025-10-27T09:00', 'after the clocks go back'],
    ['public-participation-notice', '2023-01-03', '2022-12-30T09:00', 'New Year 2023 substitute'],
    ['executive-meeting-notice', '2023-01-03', '2022-12-21', 'Christmas 2022 substitutes'],
    ['executive-meeting-notice', '2023-12-29', '2023-12-19', 'Christmas 2023'],
    ['private-meeting-notice', '2025-03-31', '2025-03-02', '28 clear calendar days, lands on a Sunday'],
    ['private-meeting-notice', '2024-03-28', '2024-02-28', 'leap year'],
    ['private-meeting-notice', '2025-01-20', '2024-12-22', 'across the new year'],
    ['private-meeting-final-notice', '2023-05-12', '2023-05-03', 'coronation'],
    ['private-meeting-final-notice', '2020-05-13', '2020-05-04', 'VE Day 2020'],
    ['key-decision-notice', '2025-03-01', '2025-01-31', 'February 2025'],
    ['key-decision-notice', '2024-03-01', '2024-02-01', 'leap February'],
    ['key-decision-notice', '2026-01-26', '2025-12-28', 'across Christmas, lands on a Sunday'],
    ['dpi-registration', '2024-05-07', '2024-06-03', '28 days beginning with'],
    ['dpi-registration', '2025-05-07', '2025-06-03', '28 days beginning with'],
    ['dpi-registration', '2024-02-10', '2024-03-08', 'leap year'],
    ['dpi-registration', '2025-02-10', '2025-03-09', 'common year, lands on a Sunday'],
    ['dpi-registration', '2023-12-25', '2024-01-21', 'across the new year'],
    ['crime-disorder-scrutiny', '2024-10-15', '2025-10-15', 'rolling twelve months'],
    ['crime-disorder-scrutiny', '2024-02-29', '2025-02-28', 'from 29 February'],
    ['crime-disorder-scrutiny', '2023-10-31', '2024-10-31', 'month end'],
    ['dhr-decision', '2025-01-31', '2025-02-28', 'month end clamps'],
    ['dhr-decision', '2024-01-31', '2024-02-29', 'leap February'],
    ['dhr-decision', '2025-03-31', '2025-04-30', '30-day month'],
    ['dhr-decision', '2025-12-15', '2026-01-15', 'across the new year'],
    ['dhr-completion', '2025-08-31', '2026-02-28', 'six months to February'],
    ['dhr-completion', '2023-08-31', '2024-02-29', 'six months to leap February'],
    ['dhr-completion', '2025-01-15', '2025-07-15', 'plain'],
    ['svd-strategy-review', '2024-01-31', '2025-01-31', 'annual'],
    ['svd-strategy-review', '2024-02-29', '2025-02-28', 'from 29 February'],
    ['da-strategy-review', '2021-12-01', '2024-11-30', 'worked example'],
    ['da-strategy-review', '2024-11-30', '2027-11-29', 'the next three-year period'],
    ['da-strategy-review', '2024-02-29', '2027-02-28', 'from 29 February'],
    ['precept-notification', '2025-01-20', '2025-02-01', 'fixed'],
    ['precept-notification', '2025-02-01', '2025-02-01', 'on the day'],
    ['precept-notification', '2025-02-02', '2026-02-01', 'next year'],
    ['precept-panel-report', '2024-12-31', '2025-02-08', 'fixed'],
    ['precept-panel-report', '2024-02-09', '2025-02-08', 'next year'],
    ['precept-response', '2025-01-01', '2025-02-15', 'fixed'],
    ['precept-revised-report', '2025-01-01', '2025-02-22', 'fixed'],
    ['precept-revised-report', '2024-02-23', '2025-02-22', 'next year'],
    ['channel-assurance-statement', '2025-01-01', '2025-05-10', 'default date'],
    ['channel-assurance-statement', '2025-05-11', '2026-05-10', 'next year'],
    ['strategic-assessment', '2025-03-31', '2026-03-31', 'annual'],
    ['community-safety-agreement', '2024-04-30', '2025-04-30', 'annual'],
    ['partnership-plan-revision', '2024-02-29', '2025-02-28', 'from 29 February'],
  ])('%s from %s is due %s (%s)', (ruleId, from, due) => {
    const result = deadline(ruleId, from);
    expect(result.due).toBe(due);
    expect(result.from).toBe(from);
    expect(result.rule).toBe(ruleId);
  });

  it('explains the worked example: days counted, holidays and weekends skipped', () => {
    const result = deadline('agenda-publication', '2025-04-24');
    expect(result).toMatchObject({
      due: '2025-04-14',
      confidence: 'statute',
      basis: { url: 'https://www.legislation.gov.uk/ukpga/1972/70/section/100B' },
      explanation: {
        dayKind: 'working',
        daysCounted: ['2025-04-15', '2025-04-16', '2025-04-17', '2025-04-22', '2025-04-23'],
        holidaysSkipped: [
          { date: '2025-04-18', name: 'Good Friday', source: 'rule' },
          { date: '2025-04-21', name: 'Easter Monday', source: 'rule' },
        ],
        weekendsSkipped: ['2025-04-19', '2025-04-20'],
      },
      warnings: [],
    });
    expect(result.timezone).toBeUndefined();
    expect(result.summary).toMatch(/^Publish the agenda by Monday 14 April 2025: five clear working days before Thursday 24 April 2025 \(the meeting\)\./);
    expect(result.summary).toContain('Days counted: 15, 16, 17, 22 and 23 April 2025.');
    expect(result.summary).toContain('Good Friday (Friday 18 April 2025), Easter Monday (Monday 21 April 2025)');
  });

  it('writes the sentence a board secretary expects', () => {
    expect(deadline('agenda-publication', '2019-07-24').summary).toMatch(
      /^Publish the agenda by Tuesday 16 July 2019: five clear working days before Wednesday 24 July 2019/,
    );
    expect(deadline('dpi-registration', '2024-05-07').summary).toMatch(
      /^Notify the monitoring officer of disclosable pecuniary interests by Monday 3 June 2024: the last of 28 days beginning with Tuesday 7 May 2024/,
    );
  });

  it('reports one-off and substitute holidays it skipped', () => {
    expect(deadline('agenda-publication', '2022-06-08').explanation.holidaysSkipped).toEqual([
      { date: '2022-06-02', name: 'Spring bank holiday (moved for the Platinum Jubilee)', source: 'one-off' },
      { date: '2022-06-03', name: 'Platinum Jubilee of Queen Elizabeth II', source: 'one-off' },
    ]);
    const christmas = deadline('agenda-publication', '2022-01-05').explanation;
    expect(christmas.holidaysSkipped.map((holiday) => holiday.date)).toEqual(['2021-12-27', '2021-12-28', '2022-01-03']);
    // 25 and 26 December 2021 fell on a weekend: skipped as weekend days, their substitutes as holidays.
    expect(christmas.weekendsSkipped).toEqual(['2021-12-25', '2021-12-26', '2022-01-01', '2022-01-02']);
  });

  it('gives timed rules as London wall-clock time with the zone and the UTC instant', () => {
    expect(deadline('public-participation-notice', '2025-04-24')).toMatchObject({
      due: '2025-04-23T09:00', timezone: 'Europe/London', dueUtc: '2025-04-23T08:00:00Z',
    });
    expect(deadline('public-participation-notice', '2025-03-31')).toMatchObject({
      due: '2025-03-28T09:00', timezone: 'Europe/London', dueUtc: '2025-03-28T09:00:00Z',
    });
    expect(deadline('public-participation-notice', '2025-10-27').dueUtc).toBe('2025-10-24T08:00:00Z');
    expect(deadline('public-participation-notice', '2025-10-28').dueUtc).toBe('2025-10-27T09:00:00Z');
    expect(deadline('public-participation-notice', '2025-04-24').summary).toMatch(/^Give written notice to speak by 09:00 BST on Wednesday 23 April 2025/);
    expect(deadline('public-participation-notice', '2025-03-31').summary).toMatch(/by 09:00 GMT on Friday 28 March 2025/);
    expect(deadline('public-participation-notice', '2025-04-22').summary).toContain(
      'the working day before Tuesday 22 April 2025 (the meeting). Bank holidays skipped: Good Friday (Friday 18 April 2025), Easter Monday (Monday 21 April 2025). Weekend days skipped: 19 and 20 April 2025.',
    );
  });

  it('warns when a fixed date falls on a weekend, without moving it', () => {
    const result = deadline('precept-notification', '2025-01-20');
    expect(result.due).toBe('2025-02-01');
    expect(result.warnings).toEqual([
      'Saturday 1 February 2025 is a weekend day: the date is fixed and does not move, so plan to act by Friday 31 January 2025.',
    ]);
    expect(deadline('precept-notification', '2024-01-20').warnings).toEqual([]);
    for (const ruleId of ['precept-notification', 'precept-panel-report', 'precept-response', 'precept-revised-report']) {
      expect(deadline(ruleId, '2026-01-01').warnings).toHaveLength(1); // all four are Sundays in 2026
    }
  });

  it('warns when a period ends on a weekend or bank holiday', () => {
    expect(deadline('da-strategy-review', '2021-12-01').warnings).toEqual([
      'Saturday 30 November 2024 is a weekend day: the period is not extended, so plan to act by Friday 29 November 2024.',
    ]);
    expect(deadline('crime-disorder-scrutiny', '2024-12-25').warnings[0]).toBe(
      'Thursday 25 December 2025 is a bank holiday (Christmas Day): the period is not extended, so plan to act by Wednesday 24 December 2025.',
    );
  });

  it('labels unconfirmed timings in the result and the sentence', () => {
    const result = deadline('dhr-decision', '2025-01-31');
    expect(result.confidence).toBe('unconfirmed');
    expect(result.warnings).toEqual([expect.stringMatching(/^Unconfirmed timing: One month is the 2016 guidance timing/)]);
    expect(result.summary).toContain('(unconfirmed).');
  });

  it('refuses unknown rules with the valid ids, and impossible dates', () => {
    expect(() => deadline('agenda', '2025-01-01')).toThrow(UnknownRuleError);
    expect(() => deadline('agenda', '2025-01-01')).toThrow(/expected one of: agenda-publication, public-participation-notice/);
    expect(() => deadline('agenda-publication', '2025-02-30')).toThrow(/expected a real date written YYYY-MM-DD/);
    expect(() => deadline('agenda-publication', '1977-06-07')).toThrow(/the calendar covers/);
  });
});

describe("a body's reading of clear days", () => {
  it('replaces working days in clear-day rules', () => {
    const parish = { dayKind: 'not-sunday-or-holiday' } as const;
    const result = deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', '2025-04-24', parish);
    expect(result.due).toBe('2025-04-15');
    expect(result.explanation).toMatchObject({
      dayKind: 'not-sunday-or-holiday',
      daysCounted: ['2025-04-16', '2025-04-17', '2025-04-19', '2025-04-22', '2025-04-23'],
      weekendsSkipped: ['2025-04-20'],
    });
    expect(deadlineFor(DEFAULT_CATALOGUE, 'public-participation-notice', '2025-04-22', parish).due).toBe('2025-04-19T09:00');
  });

  it('takes the Christmas, Easter and bank holiday breaks out of clear days under s243', () => {
    const parish = { dayKind: 'not-sunday-or-holiday-break' } as const;
    const result = deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', '2025-04-24', parish);
    // Easter break Thursday 17 to Tuesday 22 April 2025; Saturday 12 counts, Sunday 13 does not.
    expect(result.due).toBe('2025-04-11');
    expect(result.explanation).toEqual({
      dayKind: 'not-sunday-or-holiday-break',
      daysCounted: ['2025-04-12', '2025-04-14', '2025-04-15', '2025-04-16', '2025-04-23'],
      holidaysSkipped: [
        { date: '2025-04-18', name: 'Good Friday', source: 'rule' },
        { date: '2025-04-21', name: 'Easter Monday', source: 'rule' },
      ],
      weekendsSkipped: ['2025-04-13', '2025-04-20'],
      breakDaysSkipped: ['2025-04-17', '2025-04-19', '2025-04-22'],
    });
    expect(result.summary).toMatch(
      /^Publish the agenda by Friday 11 April 2025: five clear days \(Sundays and holiday breaks excluded\) before Thursday 24 April 2025 \(the meeting\)\./,
    );
    expect(result.summary).toContain(
      'Other days of the Christmas, Easter and bank holiday breaks skipped (Local Government Act 1972 s243): 17, 19 and 22 April 2025.',
    );
  });

  it('leaves calendar-day notices and "days beginning with" periods alone', () => {
    const parish = { dayKind: 'not-sunday-or-holiday' } as const;
    expect(deadlineFor(DEFAULT_CATALOGUE, 'key-decision-notice', '2025-03-01', parish).due).toBe('2025-01-31');
    expect(deadlineFor(DEFAULT_CATALOGUE, 'dpi-registration', '2024-05-07', parish).due).toBe('2024-06-03');
  });
});
