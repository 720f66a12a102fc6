import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueFileError, DEFAULT_CATALOGUE_FILE, loadCatalogue } from '../../src/catalogue/loadCatalogue';
import {
  catalogueSchema,
  DEFAULT_CATALOGUE,
  deadlineFor,
  dutyById,
  dutyDeadlines,
  holidayCalendarOf,
  resolveCatalogue,
  type Catalogue,
} from '../../src/domain';

function resolved(file: unknown): Catalogue {
  const resolution = resolveCatalogue(file);
  if (!resolution.ok) throw new Error(JSON.stringify(resolution.issues));
  return resolution.catalogue;
}

function issuesOf(file: unknown) {
  const resolution = resolveCatalogue(file);
  if (resolution.ok) throw new Error('expected the file to be rejected');
  return resolution.issues;
}

describe('default catalogue', () => {
  it('is valid data', () => {
    expect(catalogueSchema.safeParse(DEFAULT_CATALOGUE).success).toBe(true);
  });

  it('uses every deadline rule in some duty', () => {
    const used = new Set(DEFAULT_CATALOGUE.duties.flatMap((duty) => duty.ruleIds));
    expect(DEFAULT_CATALOGUE.rules.map((rule) => rule.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('covers the duties of DOMAIN.md', () => {
    const ids = DEFAULT_CATALOGUE.duties.map((duty) => duty.id);
    expect(ids).toEqual(expect.arrayContaining([
      'agenda-publication', 'late-item', 'public-participation-notice', 'executive-meeting-notice', 'private-meeting-notice',
      'key-decision-notice', 'decision-record', 'minutes-inspection', 'dpi-registration', 'crime-disorder-scrutiny',
      'strategic-assessment', 'partnership-plan', 'community-safety-agreement', 'csp-public-engagement', 'dhr-decision',
      'dhr-completion', 'dhr-quality-assurance', 'dhr-publication', 'dhr-commissioner-copy', 'dhr-action-plan',
      'svd-needs-assessment-and-strategy', 'svd-strategy-review', 'prevent-assurance-statement', 'channel-panel',
      'channel-assurance-statement', 'da-strategy-review', 'da-annual-report', 'precept', 'section-11-self-assessment',
      'drug-related-death-review', 'drug-alert', 'subgroup-annual-reports', 'scrutiny-work-programme-review',
      'scrutiny-work-programme-refresh', 'budget-scrutiny',
    ]));
  });

  it('computes every deadline of a duty', () => {
    const precept = dutyById(DEFAULT_CATALOGUE, 'precept')!;
    expect(dutyDeadlines(DEFAULT_CATALOGUE, precept, '2025-01-01').map((deadline) => deadline.due)).toEqual([
      '2025-02-01', '2025-02-08', '2025-02-15', '2025-02-22',
    ]);
  });

  it('rejects a catalogue whose duty names a missing rule', () => {
    const broken = { ...DEFAULT_CATALOGUE, rules: DEFAULT_CATALOGUE.rules.filter((rule) => rule.id !== 'dpi-registration') };
    const result = catalogueSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('no deadline rule "dpi-registration"');
  });
});

describe('council file', () => {
  it('an empty file changes nothing', () => {
    expect(resolved({})).toEqual(DEFAULT_CATALOGUE);
  });

  it('a one-off local holiday changes a deadline', () => {
    expect(deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', '2026-06-24').due).toBe('2026-06-16');
    const catalogue = resolved({ holidays: { add: [{ date: '2026-06-18', name: 'Local election count closure' }] } });
    const result = deadlineFor(catalogue, 'agenda-publication', '2026-06-24');
    expect(result.due).toBe('2026-06-15');
    expect(result.explanation.holidaysSkipped).toEqual([{ date: '2026-06-18', name: 'Local election count closure', source: 'local' }]);
    expect(holidayCalendarOf(catalogue)).not.toBe(holidayCalendarOf(DEFAULT_CATALOGUE));
    expect(holidayCalendarOf(catalogue)).toBe(holidayCalendarOf(resolved({ holidays: { add: [{ date: '2026-06-18', name: 'Local election count closure' }] } })));
  });

  it('removing a holiday makes it a working day again', () => {
    const catalogue = resolved({ holidays: { remove: [{ date: '2025-08-25', reason: 'Not observed' }] } });
    expect(deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', '2025-09-01').due).toBe('2025-08-21');
    expect(deadlineFor(catalogue, 'agenda-publication', '2025-09-01').due).toBe('2025-08-22');
  });

  it("overrides a rule's day count and day kind", () => {
    const catalogue = resolved({
      rules: { override: { 'agenda-publication': { computation: { days: 3, dayKind: 'not-sunday-or-holiday' } } } },
    });
    const result = deadlineFor(catalogue, 'agenda-publication', '2025-04-24');
    expect(result.due).toBe('2025-04-17');
    expect(result.explanation.dayKind).toBe('not-sunday-or-holiday');
    expect(result.summary).toContain('three clear days (Sundays and bank holidays excluded) before Thursday 24 April 2025');
  });

  it('replaces a computation whole when its kind changes', () => {
    const catalogue = resolved({
      rules: { override: { 'channel-assurance-statement': { computation: { kind: 'fixed-annual-date', month: 6, day: 2 }, confidence: 'local' } } },
    });
    expect(deadlineFor(catalogue, 'channel-assurance-statement', '2026-01-01')).toMatchObject({ due: '2026-06-02', confidence: 'local', warnings: [] });
    const switched = resolved({ rules: { override: { 'dhr-decision': { computation: { kind: 'clear-days-before', days: 2, dayKind: 'working' } } } } });
    expect(switched.rules.find((rule) => rule.id === 'dhr-decision')!.computation).toEqual({ kind: 'clear-days-before', days: 2, dayKind: 'working' });
  });

  it('overrides duty values and adds duties and rules', () => {
    const catalogue = resolved({
      rules: {
        add: [{
          id: 'parish-agenda-publication', title: 'Parish agenda', action: 'Publish the parish agenda',
          anchor: { name: 'the meeting', meaning: 'the meeting date' }, basis: { citation: 'LGA 1972 Sch 12 para 10' },
          confidence: 'statute', computation: { kind: 'clear-days-before', days: 3, dayKind: 'not-sunday-or-holiday' },
        }],
      },
      duties: {
        override: { 'dpi-registration': { reminderLeadDays: [14, 3], responsible: { role: 'Deputy monitoring officer' } } },
        add: [{
          id: 'parish-agenda', title: 'Parish agenda', basis: { citation: 'LGA 1972 Sch 12' }, confidence: 'statute',
          responsible: { body: 'Parish council', role: 'Clerk' }, cadence: { kind: 'event-driven', event: 'meeting' },
          ruleIds: ['parish-agenda-publication'], reminderLeadDays: [3], escalation: [], outcomeKinds: ['met', 'missed'],
        }],
      },
    });
    expect(dutyById(catalogue, 'dpi-registration')).toMatchObject({
      reminderLeadDays: [14, 3],
      responsible: { body: 'County council', role: 'Deputy monitoring officer' },
    });
    expect(deadlineFor(catalogue, 'parish-agenda-publication', '2025-04-24').due).toBe('2025-04-17');
    expect(dutyById(catalogue, 'parish-agenda')?.ruleIds).toEqual(['parish-agenda-publication']);
  });

  it('rejects a bad file with the path of each bad field and why, and uses none of it', () => {
    const issues = issuesOf({
      holidays: { add: [{ date: '2026-12-25', name: 'Christmas again' }], remove: [{ date: '2025-05-06', reason: 'x' }] },
      rules: {
        override: {
          'agenda-publication': { computation: { days: 'five', dayKind: 'weekdays' } },
          'public-participation-notice': { computation: { time: '9am' } },
          'precept-notification': { computation: { day: 30 }, id: 'renamed' },
          'no-such-rule': { title: 'x' },
        },
      },
      duties: {
        override: { 'dpi-registration': { reminderLeadDays: [1, 5], escalation: [{ afterDays: -1, toRole: '' }] } },
        add: [
          { id: 'Bad Id' },
          {
            id: 'orphan', title: 'Orphan', basis: { citation: 'x', url: 'not a url' }, confidence: 'sure',
            responsible: { body: 'b', role: 'r' }, cadence: { kind: 'monthly' }, ruleIds: ['missing-rule'],
            reminderLeadDays: [], escalation: [], outcomeKinds: ['met', 'met'],
          },
          {
            id: 'agenda-publication', title: 'Duplicate', basis: { citation: 'x' }, confidence: 'local',
            responsible: { body: 'b', role: 'r' }, cadence: { kind: 'event-driven', event: 'e' }, ruleIds: ['missing-rule'],
            reminderLeadDays: [], escalation: [], outcomeKinds: ['met'],
          },
        ],
      },
      unexpected: true,
    });
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    expect(byPath).toMatchObject({
      '(top level)': 'Unrecognized key: "unexpected"',
      'holidays.add[0].date': '2026-12-25 is already a bank holiday (Christmas Day)',
      'holidays.remove[0].date': '2025-05-06 is not a bank holiday, so it cannot be removed',
      'rules.override.agenda-publication.computation.days': expect.stringContaining('expected number'),
      'rules.override.agenda-publication.computation.dayKind': expect.stringContaining('"working"|"calendar"|"not-sunday-or-holiday"'),
      'rules.override.public-participation-notice.computation.time': expect.stringContaining('HH:mm'),
      'rules.override.precept-notification.id': 'an override cannot change the id; add a new entry instead',
      'rules.override.no-such-rule': expect.stringContaining('no rule "no-such-rule" to override; expected one of: agenda-publication'),
      'duties.override.dpi-registration.reminderLeadDays': 'expected distinct lead times, largest first',
      'duties.override.dpi-registration.escalation[0].afterDays': expect.stringContaining('>=0'),
      'duties.add[0].id': 'expected a lower-case id with hyphens, e.g. agenda-publication',
      'duties.add[0].title': expect.stringContaining('expected string'),
      'duties.add[1].basis.url': 'expected a URL (legislation.gov.uk where there is one)',
      'duties.add[1].confidence': expect.stringContaining('"statute"|"guidance"|"unconfirmed"|"local"'),
      'duties.add[1].cadence.kind': expect.any(String),
      'duties.add[1].outcomeKinds': 'expected each outcome kind once',
      'duties.add[2].id': '"agenda-publication" already exists; use duties.override to change it',
    });
  });

  it('points a dangling rule reference at the duty in the file', () => {
    const issues = issuesOf({ duties: { override: { 'dpi-registration': { ruleIds: ['dpi-registration', 'missing-rule'] } } } });
    expect(issues).toEqual([{ path: 'duties.override.dpi-registration.ruleIds[1]', message: 'no deadline rule "missing-rule"' }]);
  });

  it('refuses 29 February as a fixed annual date', () => {
    expect(issuesOf({ rules: { override: { 'precept-notification': { computation: { month: 2, day: 29 } } } } })).toEqual([
      { path: 'rules.override.precept-notification.computation.day', message: 'expected a day that exists in that month every year' },
    ]);
  });
});

describe('loading the council file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'duty-catalogue-'));
  const write = (name: string, content: string) => {
    const file = join(directory, name);
    writeFileSync(file, content);
    return file;
  };
  /** A working directory holding council/catalogue.json with the given precept lead days. */
  const councilDirectory = (leadDays: number) => {
    const cwd = mkdtempSync(join(tmpdir(), 'duty-council-'));
    mkdirSync(join(cwd, 'council'));
    writeFileSync(join(cwd, DEFAULT_CATALOGUE_FILE), JSON.stringify({ duties: { override: { precept: { reminderLeadDays: [leadDays] } } } }));
    return cwd;
  };
  const precept = (leadDays: number) => write(`precept-${leadDays}.json`, JSON.stringify({ duties: { override: { precept: { reminderLeadDays: [leadDays] } } } }));
  const leadDays = (loaded: ReturnType<typeof loadCatalogue>) => dutyById(loaded.catalogue, 'precept')?.reminderLeadDays;

  it('uses the defaults when no file is named and there is no council/catalogue.json', () => {
    expect(loadCatalogue({ cwd: directory, env: {} })).toEqual({ catalogue: DEFAULT_CATALOGUE });
  });

  it('reads council/catalogue.json in the working directory when no file is named', () => {
    const cwd = councilDirectory(10);
    expect(leadDays(loadCatalogue({ cwd, env: {} }))).toEqual([10]);
    expect(loadCatalogue({ cwd, env: {} }).file).toBe(join(cwd, 'council', 'catalogue.json'));
  });

  it('prefers $DUTY_CATALOGUE_FILE to council/catalogue.json', () => {
    const loaded = loadCatalogue({ cwd: councilDirectory(10), env: { DUTY_CATALOGUE_FILE: precept(9) } });
    expect(leadDays(loaded)).toEqual([9]);
    expect(loaded.file).toBe(join(directory, 'precept-9.json'));
  });

  it('prefers an explicit file (duties --catalogue) to $DUTY_CATALOGUE_FILE and council/catalogue.json', () => {
    const loaded = loadCatalogue({ file: precept(8), cwd: councilDirectory(10), env: { DUTY_CATALOGUE_FILE: precept(9) } });
    expect(leadDays(loaded)).toEqual([8]);
    expect(loaded.file).toBe(join(directory, 'precept-8.json'));
  });

  it('resolves a named file against the working directory, and refuses one that does not exist', () => {
    precept(7);
    expect(leadDays(loadCatalogue({ cwd: directory, env: { DUTY_CATALOGUE_FILE: 'precept-7.json' } }))).toEqual([7]);
    expect(() => loadCatalogue({ cwd: councilDirectory(10), env: { DUTY_CATALOGUE_FILE: 'missing.json' } })).toThrow(/missing\.json is not a valid catalogue file[\s\S]*cannot read it/);
  });

  it('accepts the documented example file', () => {
    const { catalogue } = loadCatalogue({ file: join(__dirname, '../../council/catalogue.example.json') });
    expect(deadlineFor(catalogue, 'public-participation-notice', '2026-12-29').due).toBe('2026-12-23T12:00');
    expect(deadlineFor(catalogue, 'parish-agenda-publication', '2026-12-29').due).toBe('2026-12-21');
  });

  it('reports unreadable, malformed and invalid files', () => {
    expect(() => loadCatalogue({ file: join(directory, 'missing.json') })).toThrow(/cannot read it/);
    expect(() => loadCatalogue({ file: write('broken.json', '{') })).toThrow(/not valid JSON/);
    const invalid = write('invalid.json', JSON.stringify({ rules: { override: { 'agenda-publication': { computation: { days: -1 } } } } }));
    try {
      loadCatalogue({ file: invalid });
      throw new Error('expected a CatalogueFileError');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogueFileError);
      expect((error as CatalogueFileError).issues).toEqual([
        { path: 'rules.override.agenda-publication.computation.days', message: expect.stringContaining('>=0') },
      ]);
    }
  });
});
