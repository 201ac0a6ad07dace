import { randomUUID } from 'node:crypto';
import { BufferedDocumentTx } from './document-tx';
import type { RecordedEvent } from './event';
import type { SubscriptionBackend } from './subscription-backend';
import type { Subscription, SubscriptionOptions, SubscriptionStatus } from './subscription';

/** How often a holder renews its lock, and how often a waiting instance tries to take it. */
const LOCK_RENEW_MS = 2_000;

interface CaughtUpWaiter {
  /** Only a read that starts after this one counts. */
  afterRead: number;
  resolve(): void;
}

/**
 * Drives one durable subscription over any adapter: lock, catch up from the checkpoint, follow,
 * retry a failing batch with backoff without moving the checkpoint. Adapter specifics (cursor
 * shape, locking, transactions) live behind `SubscriptionBackend`.
 */
export class SubscriptionRunner implements Subscription {
  readonly name: string;
  private readonly owner = randomUUID();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly types?: ReadonlySet<string>;
  private locked = false;
  private lockCheckedAt = 0;
  private stopped = false;
  /** The checkpoint as stored (null: none yet); undefined when it must be reloaded. */
  private stored: string | null | undefined = undefined;
  /** Where the next read starts; ahead of `stored` only while the log is empty. */
  private cursor: string | undefined = undefined;
  private lastPosition = 0;
  private failures = 0;
  private readsStarted = 0;
  private waiters: CaughtUpWaiter[] = [];
  private wake: (() => void) | null = null;
  private wokenEarly = false;
  private readonly unwatch: () => void;
  private readonly loop: Promise<void>;

  constructor(
    private readonly backend: SubscriptionBackend,
    private readonly options: SubscriptionOptions,
  ) {
    this.name = options.name;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryInitialMs = options.retryInitialMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
    this.types = options.filter?.types ? new Set(options.filter.types) : undefined;
    this.unwatch = backend.watch(() => this.nudge());
    this.loop = this.run();
  }

  status(): SubscriptionStatus {
    return { name: this.name, active: this.locked, lastPosition: this.lastPosition, failures: this.failures };
  }

  caughtUp(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`subscription ${this.name} did not catch up within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: CaughtUpWaiter = {
        afterRead: this.readsStarted,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
      this.nudge();
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.unwatch();
    this.nudge();
    await this.loop;
    if (this.locked) {
      this.locked = false;
      await this.backend.unlock(this.name, this.owner).catch(() => undefined);
    }
  }

  private nudge(): void {
    this.wokenEarly = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!(await this.holdLock())) {
          await this.pause(LOCK_RENEW_MS);
          continue;
        }
        const more = await this.step();
        if (!more) await this.pause(this.pollIntervalMs);
        // With a synchronous driver (SQLite) a subscriber catching up on a long log would otherwise
        // run batch after batch as one chain of microtasks, and the process would answer no
        // request and fire no timer until it was done.
        else await new Promise<void>((resolve) => setImmediate(resolve));
      } catch (error) {
        this.failures++;
        this.options.onError?.(error, this.failures, []);
        this.forgetCheckpoint(); // the checkpoint may have moved under another holder
        await this.pause(this.backoff());
      }
    }
  }

  private async holdLock(): Promise<boolean> {
    const now = Date.now();
    if (this.locked && now - this.lockCheckedAt < LOCK_RENEW_MS) return true;
    this.lockCheckedAt = now;
    const wasLocked = this.locked;
    this.locked = await this.backend.tryLock(this.name, this.owner);
    if (!this.locked || !wasLocked) this.forgetCheckpoint();
    return this.locked;
  }

  /** Handles one batch; resolves true when more events are probably waiting. */
  private async step(): Promise<boolean> {
    if (this.stored === undefined) this.stored = await this.backend.loadCursor(this.name);
    const stored = this.stored;
    this.cursor ??= stored ?? (this.options.startFrom === 'end' ? await this.backend.headCursor() : this.backend.initialCursor);
    const from = this.cursor;
    const readNumber = ++this.readsStarted;
    const batch = await this.backend.readAfter(from, this.batchSize, this.options.filter);
    // A filtering backend may move the cursor past events none of which match.
    if (batch.events.length > 0 || batch.cursor !== from) {
      const wanted = batch.events.filter((event) => this.wants(event));
      const tx = new BufferedDocumentTx(this.backend.documents);
      try {
        if (wanted.length > 0) await this.options.handle(wanted, { documents: tx, name: this.name });
        await this.backend.commit(this.name, this.owner, stored, batch.cursor, tx.writes);
      } catch (error) {
        this.failures++;
        this.options.onError?.(error, this.failures, wanted);
        this.forgetCheckpoint();
        await this.pause(this.backoff());
        return true;
      }
      this.failures = 0;
      this.stored = batch.cursor;
      this.cursor = batch.cursor;
      this.lastPosition = Math.max(this.lastPosition, batch.scannedTo ?? 0, ...batch.events.map((e) => e.position));
    }
    // Held back behind someone's open transaction is not caught up, however short the batch.
    if (batch.events.length < this.batchSize && batch.complete !== false) this.resolveWaiters(readNumber);
    return batch.events.length === this.batchSize;
  }

  private forgetCheckpoint(): void {
    this.stored = undefined;
    this.cursor = undefined;
  }

  private wants(event: RecordedEvent): boolean {
    if (this.types && !this.types.has(event.type)) return false;
    const prefix = this.options.filter?.streamPrefix;
    return prefix === undefined || event.streamId.startsWith(prefix);
  }

  private resolveWaiters(readNumber: number): void {
    const ready = this.waiters.filter((w) => w.afterRead < readNumber);
    this.waiters = this.waiters.filter((w) => w.afterRead >= readNumber);
    for (const waiter of ready) waiter.resolve();
  }

  private backoff(): number {
    const exponential = this.retryInitialMs * 2 ** Math.min(this.failures - 1, 20);
    return Math.min(this.retryMaxMs, exponential);
  }

  /** Sleeps until the timeout, a wake-up hint, or stop. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.wokenEarly && this.failures === 0) {
      this.wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        this.wokenEarly = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = this.failures > 0 && !this.stopped ? () => (this.stopped ? done() : undefined) : done;
    });
  }
}
