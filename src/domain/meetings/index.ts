export * from './meetingDefinition';
export * from './meetingDeadlines';
