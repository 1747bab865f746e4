export * from './resource.module';
export * from './resource.service-definition';
