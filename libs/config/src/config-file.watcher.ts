import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface ConfigFileWatcherOptions {
  /** Coalesces the bursts of events editors produce on save. @defaultValue 200 */
  debounceMs?: number;
  /** Re-checks the file's content this often, for file systems where fs.watch is silent. @defaultValue 2000 */
  pollMs?: number;
}

/**
 * Calls `onChange(text)` when a config file's content changes (edited in place, replaced by an
 * atomic rename, created, or deleted: `text` is null then). Watches the folder, not the file,
 * because editors replace files. Comparing content makes spurious events harmless.
 */
export class ConfigFileWatcher {
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private last: string | null | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly onChange: (text: string | null) => void,
    private readonly options: ConfigFileWatcherOptions = {},
  ) {}

  /** Starts watching; `initial` is the content already loaded (so it does not fire at once). */
  start(initial: string | null): void {
    this.last = initial;
    try {
      this.watcher = watch(dirname(this.path), (_event, file) => {
        if (file === null || file === basename(this.path)) this.schedule();
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // The folder may not exist yet; the poller still notices the file when it appears.
    }
    this.poller = setInterval(() => this.schedule(), this.options.pollMs ?? 2_000);
    this.poller.unref();
  }

  stop(): void {
    this.watcher?.close();
    clearInterval(this.poller);
    clearTimeout(this.debounce);
  }

  private schedule(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.checking = this.checking.then(() => this.check());
    }, this.options.debounceMs ?? 200);
  }

  private async check(): Promise<void> {
    const text = await readText(this.path);
    if (text === this.last) return;
    this.last = text;
    this.onChange(text);
  }
}

async function readText(path: string): Promise<string | null> {
  try {
    await stat(path);
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
