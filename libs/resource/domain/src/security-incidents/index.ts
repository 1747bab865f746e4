export * from './security-incident';
