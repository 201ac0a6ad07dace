/** The stream's version was not what the caller expected: reload, decide again, retry. */
export class ConcurrencyError extends Error {
  readonly code = 'concurrency-conflict';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${expected}, found ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

/** An event id was reused for a different stream or a different payload position. */
export class DuplicateEventIdError extends Error {
  readonly code = 'duplicate-event-id';
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`event id ${eventId} already exists outside this append (stream ${streamId})`);
    this.name = 'DuplicateEventIdError';
  }
}
