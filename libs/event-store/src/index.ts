export * from './event';
export * from './errors';
export * from './event-store';
export * from './documents';
export * from './subscription';
export * from './subscription-backend';
export { SubscriptionRunner } from './subscription-runner';
export { assertExpectedVersion } from './expected-version';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.adapter';
