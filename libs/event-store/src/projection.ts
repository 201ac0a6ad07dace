import type { DocumentTx } from './documents';
import type { Event, Recorded } from './event';
import type { SubscriptionOptions } from './subscription';

/**
 * A read model as a value: which events it folds, into which documents, and how. Its lib exports
 * it; a worker runs every projection through `projectionSubscription`, so the get → evolve → put
 * loop is written once. Documents commit with the subscription's checkpoint (exactly-once state).
 */
export interface Projection<E extends Event = Event, Doc = unknown> {
  /** Durable subscription name, the key of its checkpoint: persisted, never rename. */
  readonly name: string;
  /** Where the documents live, keyed by `key`. */
  readonly collection: string;
  readonly filter: { readonly types: readonly E['type'][]; readonly streamPrefix: string };
  /** @defaultValue 500 */
  readonly batchSize?: number;
  /** The document an event belongs to. */
  key(event: Recorded<E>): string;
  /** Pure fold; `undefined` leaves the stored document as it was (an event before the one that creates it). */
  evolve(doc: Doc | undefined, event: Recorded<E>): Doc | undefined;
  /**
   * A second collection written once, when a document is first created: the document's key under
   * a key derived from it (a timeline by position, for newest-first paging without sorting).
   */
  readonly index?: { readonly collection: string; key(doc: Doc): string };
}

/** Applies a batch to the projection's documents, inside a subscription's transaction. */
export async function applyProjection<E extends Event, Doc>(
  projection: Projection<E, Doc>,
  events: readonly Recorded<E>[],
  documents: DocumentTx,
): Promise<void> {
  for (const event of events) {
    const key = projection.key(event);
    const before = await documents.get<Doc>(projection.collection, key);
    const after = projection.evolve(before, event);
    if (after === undefined) continue;
    documents.put(projection.collection, key, after);
    if (before === undefined && projection.index) documents.put(projection.index.collection, projection.index.key(after), key);
  }
}

/** The durable subscription that keeps a projection's documents up to date. */
export function projectionSubscription<E extends Event, Doc>(projection: Projection<E, Doc>): Omit<SubscriptionOptions<E>, 'onError'> {
  return {
    name: projection.name,
    filter: projection.filter,
    batchSize: projection.batchSize ?? 500,
    handle: (events, { documents }) => applyProjection(projection, events, documents),
  };
}
