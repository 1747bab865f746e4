export * from './hr-performance.module';
export * from './hr-performance.service-definition';
export * from './employees/staff-records';
