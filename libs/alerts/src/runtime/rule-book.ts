import { existsSync, readFileSync } from 'node:fs';
import { ConcurrencyError, type EventStore } from '@chipwatch/event-store';
import { ConfigFileError, ConfigFileWatcher } from '@chipwatch/config';
import { parseRules, type RuleSet } from '../rules.schema';
import { RULESET_STREAM, type RuleSetEvent } from './ruleset.events';

export interface ActiveRules {
  ruleSet: RuleSet;
  /** When this version became active in this process. */
  activatedAt: string;
  source: string;
}

export interface RuleBookHooks {
  onActivated?(active: ActiveRules): void;
  onRejected?(error: ConfigFileError): void;
}

/**
 * The active rules from rules.yaml, hot-reloaded. A valid edit becomes active at once and is
 * recorded as RuleSetActivated; an invalid one is recorded as RuleSetRejected (file, line,
 * column, key) while the previous rules stay active. An invalid file at start-up throws.
 * Several processes watching one file record each change once (the stream's version decides).
 */
export class RuleBook {
  private current!: ActiveRules;
  private watcher: ConfigFileWatcher | undefined;
  private recording: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly store: EventStore,
    private readonly now: () => Date,
    private readonly hooks: RuleBookHooks = {},
  ) {}

  /** Loads and records the file's rules; throws ConfigFileError when invalid. */
  async start(): Promise<ActiveRules> {
    const text = this.read();
    this.current = this.activate(text);
    await this.record(this.activatedEvent(this.current));
    return this.current;
  }

  watch(): void {
    this.watcher = new ConfigFileWatcher(this.path, (text) => {
      this.recording = this.recording.then(() => this.reload(text)).catch(() => undefined);
    });
    this.watcher.start(this.read());
  }

  stop(): void {
    this.watcher?.stop();
  }

  active(): ActiveRules {
    return this.current;
  }

  /** Waits for the recording of the last change seen (tests, shutdown). */
  settled(): Promise<void> {
    return this.recording;
  }

  private async reload(text: string | null): Promise<void> {
    try {
      const next = this.activate(text ?? 'rules: []\n');
      if (next.ruleSet.hash === this.current.ruleSet.hash) return;
      this.current = next;
      this.hooks.onActivated?.(next);
      await this.record(this.activatedEvent(next));
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      this.hooks.onRejected?.(error);
      const [issue] = error.issues;
      await this.record({
        type: 'RuleSetRejected',
        data: { file: issue.file, line: issue.line, column: issue.column, key: issue.key, message: error.message },
      });
    }
  }

  private activate(text: string): ActiveRules {
    return { ruleSet: parseRules(text, this.path), activatedAt: this.now().toISOString(), source: this.path };
  }

  private activatedEvent(active: ActiveRules): RuleSetEvent {
    return { type: 'RuleSetActivated', data: { hash: active.ruleSet.hash, ruleIds: active.ruleSet.ruleIds, source: active.source } };
  }

  /** Appends unless the stream already ends with the same fact (a restart, or another process). */
  private async record(event: RuleSetEvent): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // One event per edit of the file: reading the whole stream stays cheap.
      const events = await this.store.readStream(RULESET_STREAM);
      const last = events[events.length - 1];
      if (last && last.type === event.type && JSON.stringify(last.data) === JSON.stringify(event.data)) return;
      const version = last?.streamVersion ?? 0;
      try {
        await this.store.append(RULESET_STREAM, [{ id: `${event.type}:${version + 1}`, ...event }], { expectedVersion: version });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }

  private read(): string {
    if (!existsSync(this.path)) return 'rules: []\n';
    return readFileSync(this.path, 'utf8');
  }
}
