import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { classifierConfigSchema, createClassifier, type Classifier } from '@chipwatch/classifier';
import { loadYamlConfig } from '@chipwatch/config';
import { onTopicStory } from '../test/support/generated-news';

const ROOT = join(__dirname, '..');
/** The lowest `minScore` of the shipped rules (export-controls-any, 0.6), plus a margin. */
const ALERT_SCORE = 0.65;

export interface BenchStory {
  feed: number;
  title: string;
  link: string;
  summary: string;
  positive: boolean;
}

export interface NewsroomShape {
  feeds: number;
  itemsPerFeed: number;
  /** On-topic items per feed; the rest are off-topic. */
  positivesPerFeed: number;
  /** Feeds are spread over this many loopback addresses (127.0.0.2 …), as over many publishers. */
  hosts: number;
}

/**
 * The pipeline benchmark's publishers: `feeds` RSS feeds of `itemsPerFeed` items each, spread
 * over `hosts` loopback addresses so chipwatch's per-host limit (2 polls at once) applies as it
 * would to real publishers. Every feed's body is fixed, so the first 200 response is the moment
 * each of its items was first served: the start of that item's alert latency.
 *
 * On-topic stories are generated (distinct companies, so no two cluster as one headline);
 * off-topic ones are the labelled negatives of the classifier fixtures. Both are checked against
 * the shipped classifier first: the benchmark measures the pipeline, not the classifier's misses.
 */
export class BenchNewsroom {
  readonly stories: BenchStory[] = [];
  private readonly bodies: string[] = [];
  private readonly firstServed = new Map<number, number>();
  private readonly servers: Server[] = [];
  private port = 0;

  constructor(readonly shape: NewsroomShape) {
    const classifier = createClassifier(loadYamlConfig(join(ROOT, 'config', 'classifier.yaml'), classifierConfigSchema));
    const negatives = clearNegatives(classifier);
    let negative = 0;
    for (let feed = 0; feed < shape.feeds; feed++) {
      const items: BenchStory[] = [];
      for (let i = 0; i < shape.itemsPerFeed; i++) {
        // On-topic items sit at a different place in each feed.
        const positive = (i + feed) % shape.itemsPerFeed < shape.positivesPerFeed;
        const link = `http://news-${feed}.bench.test/${positive ? 'chips' : 'other'}/${i}`;
        if (positive) {
          // Checked without the language hint: feeds do not declare one, chipwatch detects it.
          const { title, summary } = onTopicStory(feed * shape.positivesPerFeed + items.filter((s) => s.positive).length);
          const verdict = classifier.classify({ title, summary });
          if (!verdict.relevant || verdict.score < ALERT_SCORE) throw new Error(`generated on-topic story not clearly flagged: ${title}`);
          items.push({ feed, link, positive, title, summary });
        } else {
          const row = negatives[negative++ % negatives.length];
          items.push({ feed, link, positive, title: row.title, summary: row.summary });
        }
      }
      this.stories.push(...items);
      this.bodies.push(rssBody(feed, items));
    }
  }

  get positives(): BenchStory[] {
    return this.stories.filter((story) => story.positive);
  }

  /** Listens on 127.0.0.2 … 127.0.0.(hosts + 1), one port for all. */
  async start(): Promise<this> {
    for (let h = 0; h < this.shape.hosts; h++) {
      const server = createServer((request, response) => {
        const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(request.url ?? '')?.[1]);
        const body = this.bodies[feed];
        if (body === undefined) {
          response.writeHead(404).end();
          return;
        }
        const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag }).end();
          return;
        }
        if (!this.firstServed.has(feed)) this.firstServed.set(feed, Date.now());
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.port, this.address(h), () => resolve());
      });
      this.port = (server.address() as AddressInfo).port;
      this.servers.push(server);
    }
    return this;
  }

  /** Every feed, polled once an hour: one poll each within a benchmark run. */
  feedsYaml(): string {
    const lines = Array.from(
      { length: this.shape.feeds },
      (_, feed) =>
        `  - { id: bench-${feed}, url: "http://${this.address(feed % this.shape.hosts)}:${this.port}/feed/${feed}.xml", interval: 1h }`,
    );
    return `feeds:\n${lines.join('\n')}\n`;
  }

  /** Starts a new run: no item has been served yet. */
  forget(): void {
    this.firstServed.clear();
  }

  /** When the feed's items were first served (ms since epoch), if they were. */
  firstServedAt(feed: number): number | undefined {
    return this.firstServed.get(feed);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map((server) => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
  }

  private address(host: number): string {
    return `127.0.0.${host + 2}`;
  }
}

interface LabelledRow {
  title: string;
  summary: string;
  lang: string;
  label: 0 | 1;
}

function clearNegatives(classifier: Classifier): LabelledRow[] {
  return ['dev.jsonl', 'own-train.jsonl', 'own-holdout.jsonl']
    .flatMap((file) =>
      readFileSync(join(ROOT, 'test', 'fixtures', 'classifier', file), 'utf8')
        .split('\n')
        .filter(Boolean),
    )
    .map((line) => JSON.parse(line) as LabelledRow)
    .filter((row) => row.label === 0 && !classifier.classify({ title: row.title, summary: row.summary }).relevant);
}

function rssBody(feed: number, items: readonly BenchStory[]): string {
  const published = new Date(Date.now() - 3_600_000).toUTCString();
  const entries = items.map(
    (item) =>
      `<item><title>${escapeXml(item.title)}</title><link>${item.link}</link><guid>${item.link}</guid><description>${escapeXml(item.summary)}</description><pubDate>${published}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${feed}</title><link>http://news-${feed}.bench.test/</link>${entries.join('\n')}</channel></rss>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
