export { BufferedDocumentTx } from './document-tx';
export type { DocumentReader, DocumentTx } from './documents';
export { ConcurrencyError } from './errors';
export {
  type AppendOptions,
  type AppendResult,
  asRecorded,
  type Event,
  type EventMetadata,
  type NewEvent,
  type ReadStreamOptions,
  type Recorded,
  type RecordedEvent,
} from './event';
export type { EventStore } from './event-store';
export { eventTypesOf, isEventOf } from './event-types';
export { PostgresEventStore } from './postgres/postgres-event-store.adapter';
export { type Projection, projectionSubscription } from './projection';
export { ReadAheadDocumentTx } from './read-ahead-document-tx';
export type { SecretStore } from './secrets';
export { SqliteEventStore } from './sqlite/sqlite-event-store.adapter';
export type { Subscription, SubscriptionOptions } from './subscription';
export { pageTimeline } from './timeline';
