export * from './risk.module';
export * from './risk.service-definition';
