/** The pure domain layer: safe to import from Temporal workflow code (no I/O, no clock). */
export * from './calendar/civilDate';
export * from './calendar/bankHolidays';
export * from './calendar/holidayData';
export * from './calendar/dayKinds';
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
