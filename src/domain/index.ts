/**
 * The pure domain layer: safe to import from Temporal workflow code (no I/O, no clock).
 *
 * Main entry points:
 * - `deadlineFor(catalogue, ruleId, from, body?)`: a rule's deadline with its explanation and sentence;
 * - `dutyDeadlines(catalogue, duty, from, body?)`: every deadline of a duty;
 * - `DEFAULT_CATALOGUE`, `catalogueSchema`, `ruleById`, `dutyById`: the catalogue as plain data;
 * - `resolveCatalogue(councilFile)`: the defaults with a council's file applied, or every bad path;
 * - `holidayCalendarOf(catalogue)`, `holidaysInYear`, `clearDaysBefore`, `londonWallClockToUtc`: the calendar.
 * Reading the council file from disk is an edge's job: see src/catalogue/loadCatalogue.ts.
 */
export * from './calendar/civilDate';
export * from './calendar/bankHolidays';
export * from './calendar/holidayData';
export * from './calendar/dayKinds';
export * from './calendar/calendarSchemas';
export * from './calendar/periods';
export * from './calendar/londonTime';
export * from './legalBasis';
export * from './rules/ruleSchema';
export * from './rules/defaultRules';
export * from './rules/dueDay';
export * from './rules/computeDeadline';
export * from './catalogue/dutySchema';
export * from './catalogue/defaultDuties';
export * from './catalogue/catalogue';
export * from './catalogue/councilFile';
export * from './duties';
export * from './meetings';
export * from './actions';
export * from './reviews';
export * from './processes';
