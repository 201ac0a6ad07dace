import type { EventStore, NewEvent } from '@chipwatch/event-store';
import { settleAll } from '@chipwatch/platform';

/**
 * A batch's appends, started at once instead of one after another: the SQLite store commits
 * appends made together in one transaction (one fsync rather than one each, which had the
 * evaluator seconds behind in a burst of alerts), and PostgreSQL takes them over several
 * connections. Appends to one stream still go in order, each after the one before; each append
 * is one event with a derived id, so a batch retried after a failure appends only what is missing.
 */
export class OrderedAppends {
  private readonly tails = new Map<string, Promise<unknown>>();
  private count = 0;

  constructor(private readonly store: Pick<EventStore, 'append'>) {}

  add(streamId: string, event: NewEvent): void {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    this.tails.set(
      streamId,
      previous.then(() => this.store.append(streamId, [event])),
    );
    this.count++;
  }

  /**
   * Resolves with the number of events once every append succeeded. Otherwise rejects with the
   * first failure, but only once every append has settled, so a retried batch never runs beside
   * appends of its failed try.
   */
  async settled(): Promise<number> {
    await settleAll(this.tails.values());
    return this.count;
  }
}
