/** One item's outcome inside a shared transaction. */
export type GroupOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Items per transaction at most, so one commit never holds the writer for long. */
const MAX_GROUP = 500;

/**
 * Group commit for SQLite appends: those submitted within one turn of the event loop are written
 * in one transaction, so concurrent writers (polls recording stories, classify jobs) share one
 * fsync instead of paying one each, which bounded the embedded pipeline on a real disk. Each item
 * still succeeds or fails alone (the runner gives it a savepoint), and its promise settles only
 * after the shared commit, so an append that resolved is durable as before.
 * Written by hand: better-sqlite3 is synchronous and offers no group commit, and this is a queue
 * drained on `setImmediate`.
 */
export class GroupCommit<I, O> {
  private queue: { input: I; resolve(value: O): void; reject(error: unknown): void }[] = [];
  private scheduled = false;

  /** `runGroup` runs every input in one transaction and returns their outcomes in order; it throws when the transaction itself fails. */
  constructor(private readonly runGroup: (inputs: I[]) => GroupOutcome<O>[]) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const group = this.queue.splice(0, MAX_GROUP);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => this.flush());
    let outcomes: GroupOutcome<O>[];
    try {
      outcomes = this.runGroup(group.map((item) => item.input));
    } catch (error) {
      // The transaction did not commit: nothing of the group was written.
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
