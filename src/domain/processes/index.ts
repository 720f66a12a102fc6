export * from './processDefinition';
export * from './processClocks';
export * from './defaultProcesses';
export * from './processNoticeText';
