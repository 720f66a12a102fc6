export * from './actionRag';
export * from './actionSchemas';
export * from './actionNotices';
