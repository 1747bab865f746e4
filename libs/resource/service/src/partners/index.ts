export * from './partner-contract-mapper';
export * from './partner-queries';
export * from './partner-records';
export * from './partner-schedule';
export * from './partners.controller';
export * from './partners.projection';
