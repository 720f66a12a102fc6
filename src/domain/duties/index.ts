export * from './dutyDefinition';
export * from './occurrenceDue';
export * from './noticePlan';
export * from './dutyNoticeText';
export * from './clockPlan';
