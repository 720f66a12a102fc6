export * from './dutyDefinition';
export * from './dutyDefinitionSchema';
export * from './occurrenceDue';
export * from './noticePlan';
export * from './dutyNoticeText';
export * from './clockPlan';
