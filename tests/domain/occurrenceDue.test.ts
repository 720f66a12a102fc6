import { DEFAULT_CATALOGUE, deadlineFor, dutyDefinitionOf, needsGivenDue, nextOccurrenceOpensOn, NoComputableDeadlineError, occurrenceDue, type DutyDefinition } from '../../src/domain';

const definition = (dutyId: string): DutyDefinition => {
  const found = dutyDefinitionOf(DEFAULT_CATALOGUE, dutyId);
  if (!found) throw new Error(`no duty ${dutyId}`);
  return found;
};

describe('occurrenceDue', () => {
  test.each(DEFAULT_CATALOGUE.duties.filter((duty) => duty.ruleIds.length > 0).map((duty) => [duty.id, duty.ruleIds[0]!]))(
    '%s is due on its first rule’s deadline, as `duties deadline %s` gives it',
    (dutyId, ruleId) => {
      const due = occurrenceDue(definition(dutyId), '2026-11-23');
      const deadline = deadlineFor(DEFAULT_CATALOGUE, ruleId, '2026-11-23');
      expect(`${due.statutoryDue}${due.dueTime ? `T${due.dueTime}` : ''}`).toBe(deadline.due);
      expect(due).toMatchObject({ ruleId, basis: deadline.basis, confidence: deadline.confidence, explanation: deadline.summary });
    },
  );

  test('a duty without rules is due at the end of its cadence', () => {
    expect(occurrenceDue(definition('csp-public-engagement'), '2026-01-31').statutoryDue).toBe('2027-01-31');
    expect(occurrenceDue(definition('channel-panel'), '2027-01-31').statutoryDue).toBe('2027-02-28');
    expect(occurrenceDue(definition('da-annual-report'), '2026-07-01').statutoryDue).toBe('2027-06-30');
    expect(occurrenceDue(definition('section-11-self-assessment'), '2026-04-01').statutoryDue).toBe('2028-03-31');
  });

  test('an event-driven duty without rules needs its date given', () => {
    expect(needsGivenDue(definition('dhr-publication'))).toBe(true);
    expect(needsGivenDue(definition('agenda-publication'))).toBe(false);
    expect(() => occurrenceDue(definition('dhr-publication'), '2026-11-23')).toThrow(NoComputableDeadlineError);
    expect(occurrenceDue(definition('dhr-publication'), '2026-11-23', '2027-01-15')).toMatchObject({ statutoryDue: '2027-01-15', basis: definition('dhr-publication').duty.basis });
  });

  test('a parish body’s reading of clear days applies to its meeting rules', () => {
    const parish = { ...definition('agenda-publication'), dayKind: 'not-sunday-or-holiday' as const };
    expect(occurrenceDue(parish, '2025-04-24').statutoryDue).not.toBe(occurrenceDue(definition('agenda-publication'), '2025-04-24').statutoryDue);
  });
});

describe('nextOccurrenceOpensOn', () => {
  test('a rolling duty counts from the date met, and a missed period lapses on its due date', () => {
    const rolling = definition('crime-disorder-scrutiny');
    expect(nextOccurrenceOpensOn(rolling, { statutoryDue: '2027-10-01', outcome: 'met', outcomeDate: '2027-09-12' })).toBe('2027-09-12');
    expect(nextOccurrenceOpensOn(rolling, { statutoryDue: '2027-10-01', outcome: 'met-late', outcomeDate: '2027-10-20' })).toBe('2027-10-20');
    expect(nextOccurrenceOpensOn(rolling, { statutoryDue: '2027-10-01', outcome: 'missed', outcomeDate: '2027-11-01' })).toBe('2027-10-01');
  });

  test('fixed dates and fixed periods follow the calendar, whenever they were met', () => {
    expect(nextOccurrenceOpensOn(definition('channel-assurance-statement'), { statutoryDue: '2027-05-10', outcome: 'met', outcomeDate: '2027-04-01' })).toBe('2027-05-11');
    expect(nextOccurrenceOpensOn(definition('da-strategy-review'), { statutoryDue: '2024-11-30', outcome: 'met', outcomeDate: '2024-06-01' })).toBe('2024-12-01');
  });

  test('an event-driven duty does not recur', () => {
    expect(nextOccurrenceOpensOn(definition('dpi-registration'), { statutoryDue: '2027-06-03', outcome: 'met', outcomeDate: '2027-05-20' })).toBeUndefined();
  });
});
