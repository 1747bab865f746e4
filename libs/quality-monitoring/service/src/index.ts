export * from './quality-monitoring.module';
export * from './quality-monitoring.service-definition';
