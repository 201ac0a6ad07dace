/** Injection tokens for the process-wide pieces every app shares. */
export const SETTINGS = Symbol('Settings');
export const EVENT_STORE = Symbol('EventStore');
export const LOGGER = Symbol('Logger');
export const CLOCK = Symbol('Clock');
export const JOB_QUEUE = Symbol('JobQueue');
