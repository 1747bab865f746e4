export * from './configuration';
export * from './service-delivery.module';
export * from './service-delivery.service-definition';
export { SEED_STANDARDS } from './standards/standard-seeder';
