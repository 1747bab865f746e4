export * from './context-propagation';
export * from './observability';
export * from './trace-context';
export * from './traced-event-store';
