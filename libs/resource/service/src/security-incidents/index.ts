export * from './security-incident-config';
export * from './security-incident-contract-mapper';
export * from './security-incident-queries';
export * from './security-incident-schedule';
export * from './security-incidents.controller';
export * from './security-incidents.projection';
