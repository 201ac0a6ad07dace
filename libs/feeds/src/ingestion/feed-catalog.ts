import { existsSync, readFileSync } from 'node:fs';
import { ConfigFileError, ConfigFileWatcher, parseYamlConfig } from '@chipwatch/config';
import { feedDefinitions, feedsConfigSchema, type FeedDefinition } from './feeds-config.schema';

export interface FeedCatalogEvents {
  /** A valid new version of the file is active. */
  onReload?(feeds: readonly FeedDefinition[]): void;
  /** An edit was refused; the previous feeds stay active. */
  onReject?(error: ConfigFileError): void;
}

/**
 * The configured feeds (`feeds.yaml`), hot-reloaded: a valid edit replaces the list, an invalid
 * one is refused with file, line, column and key while the previous list stays active. A missing
 * file is an empty list.
 */
export class FeedCatalog {
  private byId = new Map<string, FeedDefinition>();
  private watcher: ConfigFileWatcher | undefined;

  constructor(
    private readonly path: string,
    private readonly events: FeedCatalogEvents = {},
  ) {}

  /** Loads the file; throws ConfigFileError when it is invalid (start-up must fail then). */
  load(): readonly FeedDefinition[] {
    const text = existsSync(this.path) ? readFileSync(this.path, 'utf8') : null;
    this.apply(text);
    return this.feeds();
  }

  watch(): void {
    const initial = existsSync(this.path) ? readFileSync(this.path, 'utf8') : null;
    this.watcher = new ConfigFileWatcher(this.path, (text) => {
      try {
        this.apply(text);
        this.events.onReload?.(this.feeds());
      } catch (error) {
        if (!(error instanceof ConfigFileError)) throw error;
        this.events.onReject?.(error);
      }
    });
    this.watcher.start(initial);
  }

  stop(): void {
    this.watcher?.stop();
  }

  feeds(): readonly FeedDefinition[] {
    return [...this.byId.values()];
  }

  get(feedId: string): FeedDefinition | undefined {
    return this.byId.get(feedId);
  }

  private apply(text: string | null): void {
    const config = parseYamlConfig(text ?? 'feeds: []', feedsConfigSchema, this.path);
    this.byId = new Map(feedDefinitions(config).map((feed) => [feed.id, feed]));
  }
}
