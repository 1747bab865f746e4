/** Injection tokens of the platform's ports; adapters behind them are chosen by configuration. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const CLOCK = Symbol('CLOCK');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
