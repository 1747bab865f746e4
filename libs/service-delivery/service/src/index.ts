export * from './configuration';
export * from './service-delivery.module';
export * from './service-delivery.service-definition';
