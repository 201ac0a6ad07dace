import { Client, type ClientConfig } from 'pg';

const RECONNECT_INITIAL_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * LISTENs on one channel over a dedicated connection (a pooled one would drop the LISTEN when
 * released) and fans notifications out to in-process listeners. Notifications are hints: after a
 * reconnect, listeners are called once because some may have been missed while disconnected.
 */
export class PostgresListener {
  private readonly listeners = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_INITIAL_MS;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(listener: () => void): () => void {
    if (this.closed) throw new Error('the event store is closed');
    this.listeners.add(listener);
    if (!this.client && !this.connecting && !this.reconnectTimer) this.connect();
    return () => void this.listeners.delete(listener);
  }

  /** Resolves once LISTEN is active (for tests and for callers that must not miss the next hint). */
  async ready(): Promise<void> {
    while (!this.closed && !this.client) {
      if (this.connecting) await this.connecting;
      else if (!this.reconnectTimer) this.connect();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    this.connecting = this.open()
      .then(() => {
        this.connecting = null;
      })
      .catch((error) => {
        this.connecting = null;
        if (this.closed) return;
        this.onError(error);
        this.scheduleReconnect();
      });
  }

  private async open(): Promise<void> {
    const client = new Client(this.config);
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.reconnectDelay > RECONNECT_INITIAL_MS;
    this.client = client;
    this.reconnectDelay = RECONNECT_INITIAL_MS;
    if (reconnected) this.notify();
  }

  private lost(client: Client, error: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.onError(error ?? new Error(`LISTEN connection for ${this.channel} ended`));
    // A missed notification is possible from here on; the reconnect calls listeners once.
    this.reconnectDelay = Math.max(this.reconnectDelay, RECONNECT_INITIAL_MS * 2);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
