export * from './agreement';
export * from './information-sharing';
export * from './partner';
export * from './partner-meeting';
export * from './partner-personal-data';
export * from './partner-terms';
