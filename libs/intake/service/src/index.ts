export * from './intake.module';
export * from './intake.service-definition';
export { RegisterDemandDto } from './demands/demand.dto';
