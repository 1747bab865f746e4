export * from './intake.module';
export * from './intake.service-definition';
