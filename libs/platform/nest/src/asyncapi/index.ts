export * from './asyncapi-document';
export * from './asyncapi.controller';
export * from './schema-example';
