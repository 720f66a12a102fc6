import { actionDigestText, actionRag, weekStarting } from '../../src/domain';

describe('actionRag', () => {
  const today = '2026-03-10';
  it.each([
    ['2026-03-09', 'overdue'],
    ['2026-03-10', 'at-risk'],
    ['2026-03-24', 'at-risk'],
    ['2026-03-25', 'on-track'],
  ] as const)('an open action due %s is %s with a 14-day threshold', (due, rag) => {
    expect(actionRag({ status: 'open', due }, 14, today)).toBe(rag);
  });

  it("follows the body's own threshold", () => {
    expect(actionRag({ status: 'open', due: '2026-03-14' }, 3, today)).toBe('on-track');
    expect(actionRag({ status: 'open', due: '2026-03-13' }, 3, today)).toBe('at-risk');
  });

  it('closes done and dropped actions, however late', () => {
    expect(actionRag({ status: 'done', due: '2025-01-01' }, 14, today)).toBe('closed');
    expect(actionRag({ status: 'dropped', due: '2025-01-01' }, 14, today)).toBe('closed');
  });
});

describe('weekStarting', () => {
  it.each([
    ['2026-03-09', '2026-03-09'],
    ['2026-03-15', '2026-03-09'],
    ['2026-03-16', '2026-03-16'],
    ['2026-01-01', '2025-12-29'],
  ])('the week of %s starts on Monday %s', (date, monday) => {
    expect(weekStarting(date)).toBe(monday);
  });
});

it('the digest lists overdue actions before at-risk ones, each by due date', () => {
  const line = (title: string, due: string, rag: 'overdue' | 'at-risk') => ({ title, bodyName: 'North CSP', ownerName: 'Sam Staff', due, rag });
  const { subject, text } = actionDigestText('Mina Manager', '2026-03-09', [
    line('B', '2026-03-20', 'at-risk'),
    line('A', '2026-03-01', 'overdue'),
    line('C', '2026-03-12', 'at-risk'),
    line('D', '2026-02-01', 'overdue'),
  ]);
  expect(subject).toBe('Actions digest, week of Monday 9 March 2026: 2 overdue actions, 2 at risk');
  expect(text.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2, 3))).toEqual(['D', 'A', 'C', 'B']);
  expect(text).toContain('Overdue:\n- D (North CSP), owner Sam Staff, due Sunday 1 February 2026');
});
