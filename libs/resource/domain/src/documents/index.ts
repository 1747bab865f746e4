export * from './document-files';
export * from './technical-document';
