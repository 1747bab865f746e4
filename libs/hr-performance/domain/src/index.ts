export * from './staff-calendar';
export * from './posts';
export * from './employees';
export * from './training-plans';
export * from './training-sessions';
export * from './development-plans';
export * from './staff-personal-data';
