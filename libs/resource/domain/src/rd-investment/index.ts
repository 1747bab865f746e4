export * from './rd-investment-plan';
export * from './rd-variance';
