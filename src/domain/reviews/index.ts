export * from './reviewRules';
export * from './reviewClocks';
export * from './reviewNoticeText';
