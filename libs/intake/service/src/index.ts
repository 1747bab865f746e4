export * from './intake.module';
export * from './intake.service-definition';
export { RegisterDemandDto } from './demands/demand.dto';
export { DEMANDS_PROJECTION } from './projections/demands.projection';
