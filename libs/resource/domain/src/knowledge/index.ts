export * from './article-views';
export * from './knowledge-article';
export * from './knowledge-settings';
export * from './tags';
export * from './knowledge-source';
