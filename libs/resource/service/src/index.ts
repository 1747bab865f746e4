export * from './resource.module';
export * from './resource.service-definition';
export * from './security-incidents';
export * from './partners';
