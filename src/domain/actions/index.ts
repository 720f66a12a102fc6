export * from './actionRag';
export * from './actionNotices';
