export * from './catalogue';
export * from './contract';
export * from './register-events';
export * from './topics';
export * from './warnings/warning-events';
export * from './channels';
