import { existsSync, readFileSync } from 'node:fs';
import { ConfigFileError, ConfigFileWatcher, parseYamlConfig } from '@chipwatch/config';
import { ConcurrencyError, type EventStore } from '@chipwatch/event-store';
import { resolveSubscriber, subscribersFileSchema, type StaticSubscriber } from './subscribers-file';
import { signingSecretKey, subscriptionStreamId, targetSecretKey, type SubscriptionCreated } from './subscription.events';
import { readSubscription, type SubscriptionView } from './subscription.projection';
import { SubscriptionService } from './subscription.service';
import type { UpdateSubscription } from './subscription.schema';

export interface StaticSubscribersSync {
  created: string[];
  updated: string[];
  removed: string[];
  /** Entries that could not be applied (e.g. a target the SSRF guard refuses), by file id. */
  failed: { key: string; message: string }[];
}

export interface StaticSubscribersHooks {
  onSynced?(sync: StaticSubscribersSync): void;
  /** The file is invalid: nothing of it was applied, the subscriptions stay as they were. */
  onRejected?(error: ConfigFileError): void;
}

interface Current {
  id: string;
  view: SubscriptionView;
}

/**
 * Subscribers declared in config/subscribers.yaml, kept in step with the log: an entry becomes a
 * subscription (source `config`, id `cfg_<entry id>`), an edit an update or a secret rotation,
 * a deleted entry a removal; the same events as REST's, so delivery and replay do not tell them
 * apart. Credentials (webhook secrets, Slack URLs) are named in the file and read from the
 * environment. An invalid file changes nothing and is reported with file, line and column;
 * the file is hot-reloaded. A subscription removed and declared again gets a new id (`cfg_<id>_2`…),
 * as a removed one receives nothing more.
 */
export class StaticSubscribers {
  private watcher: ConfigFileWatcher | undefined;
  private syncing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly service: SubscriptionService,
    private readonly store: EventStore,
    private readonly env: NodeJS.ProcessEnv,
    private readonly hooks: StaticSubscribersHooks = {},
  ) {}

  /** Applies the file as it is now; undefined when it is invalid. */
  start(): Promise<StaticSubscribersSync | undefined> {
    const applied = this.apply(this.read());
    this.syncing = applied.catch(() => undefined);
    return applied;
  }

  watch(): void {
    this.watcher = new ConfigFileWatcher(this.path, (text) => {
      this.syncing = this.syncing.then(() => this.apply(text)).catch(() => undefined);
    });
    this.watcher.start(this.read());
  }

  stop(): void {
    this.watcher?.stop();
  }

  /** Waits for the sync of the last change seen (tests, shutdown). */
  async settled(): Promise<void> {
    await this.syncing;
  }

  private read(): string | null {
    return existsSync(this.path) ? readFileSync(this.path, 'utf8') : null;
  }

  private async apply(text: string | null): Promise<StaticSubscribersSync | undefined> {
    let desired: StaticSubscriber[];
    try {
      const file = text === null ? { subscribers: [] } : parseYamlConfig(text, subscribersFileSchema(this.env), this.path);
      desired = file.subscribers.map((entry) => resolveSubscriber(entry, this.env));
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      this.hooks.onRejected?.(error);
      return undefined;
    }
    const sync = await this.sync(desired);
    this.hooks.onSynced?.(sync);
    return sync;
  }

  private async sync(desired: readonly StaticSubscriber[]): Promise<StaticSubscribersSync> {
    const sync: StaticSubscribersSync = { created: [], updated: [], removed: [], failed: [] };
    const { alive, generations } = await this.current();
    const wanted = new Set(desired.map((entry) => entry.key));
    for (const [key, current] of alive) {
      if (wanted.has(key)) continue;
      await this.attempt(sync, key, async () => {
        await this.service.remove(current.id, 'config');
        sync.removed.push(current.id);
      });
    }
    for (const entry of desired) {
      await this.attempt(sync, entry.key, async () => {
        let current = alive.get(entry.key);
        if (current && current.view.channel !== entry.channel) {
          // The channel of a subscription never changes: a new one replaces it.
          await this.service.remove(current.id, 'config');
          sync.removed.push(current.id);
          current = undefined;
        }
        if (!current) {
          const generation = (generations.get(entry.key) ?? 0) + 1;
          const id = configSubscriptionId(entry.key, generation);
          await this.service.create(
            {
              name: entry.name,
              channel: entry.channel,
              ...(entry.channel === 'email' ? { email: entry.target } : { url: entry.target }),
              minSeverity: entry.minSeverity,
              ...(entry.rules ? { rules: entry.rules } : {}),
            },
            'config',
            id,
            entry.secret,
          );
          sync.created.push(id);
          return;
        }
        if (await this.refresh(current, entry)) sync.updated.push(current.id);
      });
    }
    return sync;
  }

  /** Brings one subscription in line with its entry; true when anything changed. */
  private async refresh({ id, view }: Current, entry: StaticSubscriber): Promise<boolean> {
    const change: UpdateSubscription = {};
    if (view.name !== entry.name) change.name = entry.name;
    if (view.minSeverity !== entry.minSeverity) change.minSeverity = entry.minSeverity;
    if (JSON.stringify(view.rules ?? null) !== JSON.stringify(entry.rules)) change.rules = entry.rules;
    const target = await this.store.secrets.get(targetSecretKey(id));
    if (target !== normaliseTarget(entry)) {
      if (entry.channel === 'email') change.email = entry.target;
      else change.url = entry.target;
    }
    let changed = false;
    if (Object.keys(change).length > 0) {
      await this.service.update(id, change, 'config');
      changed = true;
    }
    if (entry.secret !== undefined && (await this.store.secrets.get(signingSecretKey(id))) !== entry.secret) {
      await this.service.rotateSecret(id, entry.secret);
      changed = true;
    }
    return changed;
  }

  /** Living subscriptions from the file, by entry id, and how many generations each id has had. */
  private async current(): Promise<{ alive: Map<string, Current>; generations: Map<string, number> }> {
    const alive = new Map<string, Current>();
    const generations = new Map<string, number>();
    let after = 0;
    for (;;) {
      const page = await this.store.readAll<SubscriptionCreated>({
        after,
        limit: 1000,
        types: ['SubscriptionCreated'],
        streamPrefix: subscriptionStreamId(CONFIG_ID_PREFIX),
      });
      for (const { data } of page) {
        const parsed = data.source === 'config' ? parseConfigSubscriptionId(data.subscriptionId) : undefined;
        if (!parsed) continue;
        generations.set(parsed.key, Math.max(generations.get(parsed.key) ?? 0, parsed.generation));
        const view = await readSubscription(this.store, data.subscriptionId);
        if (view && !view.removed) alive.set(parsed.key, { id: data.subscriptionId, view });
      }
      if (page.length < 1000) return { alive, generations };
      after = page[page.length - 1].position;
    }
  }

  /** One entry's change; another process applying the same file at once is not a failure. */
  private async attempt(sync: StaticSubscribersSync, key: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof ConcurrencyError) return;
      sync.failed.push({ key, message: (error as Error).message });
    }
  }
}

const CONFIG_ID_PREFIX = 'cfg_';

/** `cfg_<key>` for the first subscription of an entry, `cfg_<key>_<n>` after removals. */
export function configSubscriptionId(key: string, generation: number): string {
  return generation <= 1 ? `${CONFIG_ID_PREFIX}${key}` : `${CONFIG_ID_PREFIX}${key}_${generation}`;
}

function parseConfigSubscriptionId(id: string): { key: string; generation: number } | undefined {
  const match = /^cfg_([a-z0-9][a-z0-9-]*)(?:_(\d+))?$/.exec(id);
  return match ? { key: match[1], generation: match[2] ? Number(match[2]) : 1 } : undefined;
}

/** The target as the service stores it (a URL in its normalised form). */
function normaliseTarget(entry: StaticSubscriber): string {
  if (entry.channel === 'email') return entry.target;
  try {
    return new URL(entry.target).toString();
  } catch {
    return entry.target;
  }
}
