import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { WebhookPayload } from '@chipwatch/notifications';
import { ChipwatchDeployment, ensureBuilt, type ChipwatchProcess, type EventsPage, type LogEvent } from '../test/support/processes';
import { waitFor } from '../test/support/wait-for';
import { WebhookReceiver, type ReceivedHook } from '../test/support/webhook-receiver';
import { round, type Bench, type BenchResult } from './bench-kit';
import { BenchNewsroom } from './pipeline.newsroom';

/**
 * `pipeline.*`: chipwatch end to end as users run it (`bin/chipwatch.js start`, compiled `dist/`),
 * 500 feeds × 20 items (5% on-topic) on local publishers, one webhook subscriber. Start is the
 * moment feeds.yaml lists the feeds (hot-reloaded by a running, subscribed deployment, so process
 * boot is not counted); the end is the last delivery or the last verdict, whichever is later.
 *
 * - `pipeline.embedded`: one process, SQLite, in-process queue (`npm start`).
 * - `pipeline.distributed1` / `pipeline.distributed2`: an api and one or two workers on
 *   PostgreSQL and Redis (its own schema and key prefix).
 *
 * Alert latency is per on-topic item: the publisher's first 200 response carrying it → the
 * webhook's arrival. Goal: p99 under 1 s after that poll; two workers ≥ 1.6× one worker's
 * stories/s where the work is CPU-bound.
 */
const SHAPE = { feeds: 500, itemsPerFeed: 20, positivesPerFeed: 1, hosts: 50 };
const RUN_TIMEOUT_MS = 120_000;
const LATENCY_GOAL_MS = 1_000;

interface PipelineRun {
  wallMs: number;
  storiesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** p99 of each stage of an on-topic item's way, from the log's recordedAt: where latency goes. */
  stageP99Ms: Record<Stage, number>;
  peakRssMb: Record<string, number>;
  /** CPU seconds each chipwatch process used during the run. */
  cpuSeconds: Record<string, number>;
  /** Share of the machine's CPU time (all cores) that was busy during the run, PostgreSQL and Redis included. */
  machineBusy: number;
}

const STAGES = ['discovered', 'classified', 'raised', 'delivered'] as const;
type Stage = (typeof STAGES)[number];

let newsroom: BenchNewsroom | undefined;
/** distributed1's figure of this `npm run bench`, the baseline of the two-worker scaling ratio. */
let oneWorker: PipelineRun | undefined;

async function sharedNewsroom(): Promise<BenchNewsroom> {
  if (!newsroom) {
    // Kept for every pipeline run of this `npm run bench`; bench/main.ts exits when done.
    newsroom = await new BenchNewsroom(SHAPE).start();
  }
  return newsroom;
}

export const pipelineEmbeddedBench: Bench = {
  name: 'pipeline.embedded',
  async run() {
    const run = await runPipeline('embedded', 0);
    return describe('pipeline.embedded', run, 'one process: SQLite, in-process queue');
  },
};

export const pipelineDistributed1Bench: Bench = {
  name: 'pipeline.distributed1',
  async run() {
    oneWorker = await runPipeline('distributed', 1);
    return describe('pipeline.distributed1', oneWorker, 'api + 1 worker on PostgreSQL and Redis');
  },
};

export const pipelineDistributed2Bench: Bench = {
  name: 'pipeline.distributed2',
  async run() {
    oneWorker ??= await runPipeline('distributed', 1);
    const run = await runPipeline('distributed', 2);
    return [
      ...describe('pipeline.distributed2', run, 'api + 2 workers on PostgreSQL and Redis'),
      {
        name: 'pipeline.distributed2.scaling',
        unit: 'stories/s',
        value: round(run.storiesPerSecond),
        baseline: round(oneWorker.storiesPerSecond),
        ratio: round(run.storiesPerSecond / oneWorker.storiesPerSecond, 3),
        note: `two workers ÷ one worker (goal ≥ 1.6 where CPU-bound); the machine was ${round(oneWorker.machineBusy * 100)}% busy with one worker, so a second could add at most the rest`,
      },
    ];
  },
};

function describe(name: string, run: PipelineRun, what: string): BenchResult[] {
  const shape = `${SHAPE.feeds} feeds × ${SHAPE.itemsPerFeed} items, ${SHAPE.positivesPerFeed} on-topic each; ${what}`;
  const latencyNote = `first served → webhook received, ${SHAPE.feeds * SHAPE.positivesPerFeed} alerts; goal p99 < ${LATENCY_GOAL_MS} ms`;
  return [
    { name: `${name}.wall`, unit: 's', value: round(run.wallMs / 1000, 2), baseline: null, ratio: null, note: shape },
    {
      name: `${name}.throughput`,
      unit: 'stories/s',
      value: round(run.storiesPerSecond),
      baseline: null,
      ratio: null,
      note: 'stories discovered, classified and (if on-topic) delivered, ÷ wall',
    },
    { name: `${name}.latencyP50`, unit: 'ms', value: round(run.latencyMs.p50), baseline: null, ratio: null, note: latencyNote },
    {
      name: `${name}.latencyP99`,
      unit: 'ms',
      value: round(run.latencyMs.p99),
      baseline: null,
      ratio: null,
      note: `${latencyNote}; max ${round(run.latencyMs.max)} ms; p99 by stage: ${STAGES.map((stage) => `→${stage} ${round(run.stageP99Ms[stage])}`).join(', ')} ms`,
    },
    {
      name: `${name}.machineBusy`,
      unit: '%',
      value: round(run.machineBusy * 100),
      baseline: null,
      ratio: null,
      note: `CPU busy across all ${cpus().length} cores during the run (chipwatch, PostgreSQL, Redis, the bench); 100% leaves no room to scale on this machine`,
    },
    ...Object.entries(run.cpuSeconds).map(([process, seconds]) => ({
      name: `${name}.cpu.${process}`,
      unit: 's',
      value: round(seconds, 2),
      baseline: null,
      ratio: null,
      note: `CPU time of the process during the run, ${round((seconds * 1000) / SHAPE.feeds / SHAPE.itemsPerFeed, 3)} ms per story`,
    })),
    ...Object.entries(run.peakRssMb).map(([process, mb]) => ({
      name: `${name}.peakRss.${process}`,
      unit: 'MB',
      value: round(mb),
      baseline: null,
      ratio: null,
      note: 'VmHWM of the process at the end of the run',
    })),
  ];
}

async function runPipeline(mode: 'embedded' | 'distributed', workers: number): Promise<PipelineRun> {
  ensureBuilt();
  const news = await sharedNewsroom();
  news.forget();
  const receiver = await new WebhookReceiver<WebhookPayload>().start();
  const deployment = new ChipwatchDeployment({
    mode,
    feedsYaml: 'feeds: []\n',
    // As shipped (info logs, one line per job), but a dead worker's jobs are not part of this.
    env: { LOG_LEVEL: 'info', CHIPWATCH_QUEUE_LOCK_MS: '30000' },
  });
  try {
    await deployment.startApi();
    await subscribe(deployment, receiver.url);
    const started = Array.from({ length: workers }, (_, i) => deployment.startWorker(`worker-${i + 1}`));
    const ready = (worker: ChipwatchProcess) => worker.output.some((line) => line.includes('"msg":"chipwatch started"'));
    await until('the workers to start', () => started.every(ready), deployment, 60_000);

    const cpuAtStart = new Map(deployment.processes.map((p) => [p.name, p.cpuSeconds()]));
    const machineAtStart = machineCpuTicks();
    const start = Date.now();
    deployment.setFeeds(news.feedsYaml());
    const positives = news.positives;
    const byTitle = new Map(positives.map((story) => [story.title, story]));
    await until(`all ${positives.length} alerts delivered`, () => distinctTitles(receiver.received).size >= positives.length, deployment);
    const lastDelivery = Math.max(...receiver.received.map((hook) => hook.at));
    const lastVerdict = await lastClassification(deployment, news.stories.length);
    const end = Math.max(lastDelivery, lastVerdict);

    const unexpected = receiver.received.filter((hook) => !byTitle.has(hook.body?.story?.title));
    if (unexpected.length > 0)
      throw new Error(`${unexpected.length} webhooks for stories that are not on-topic, e.g. ${unexpected[0].body?.story?.title}`);
    const ids = new Set(receiver.received.map((hook) => hook.headers['webhook-id']));
    if (ids.size !== receiver.received.length) throw new Error(`${receiver.received.length - ids.size} webhooks delivered twice`);
    const latencies = receiver.received
      .map((hook) => hook.at - news.firstServedAt(byTitle.get(hook.body.story.title)!.feed)!)
      .sort((a, b) => a - b);

    const machineAtEnd = machineCpuTicks();
    const cpuSeconds: Record<string, number> = {};
    for (const process of deployment.processes) cpuSeconds[process.name] = process.cpuSeconds() - (cpuAtStart.get(process.name) ?? 0);
    const stageP99Ms = await stageLatencies(deployment, receiver.received, (title) => news.firstServedAt(byTitle.get(title)!.feed)!);
    const peakRssMb: Record<string, number> = {};
    for (const process of deployment.processes) peakRssMb[process.name] = process.peakRssMb();
    return {
      wallMs: end - start,
      storiesPerSecond: news.stories.length / ((end - start) / 1000),
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies[latencies.length - 1] },
      stageP99Ms,
      peakRssMb,
      cpuSeconds,
      machineBusy: (machineAtEnd.busy - machineAtStart.busy) / (machineAtEnd.total - machineAtStart.total),
    };
  } catch (error) {
    const err = error as Error;
    err.message += `\n${deployment.diagnostics(20)}`;
    throw err;
  } finally {
    await deployment.dispose();
    await receiver.stop();
  }
}

async function subscribe(deployment: ChipwatchDeployment, url: string): Promise<void> {
  await deployment.json('/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', channel: 'webhook', url, minSeverity: 'info' }),
  });
}

/** When the last of `count` stories got its verdict: the log's `recordedAt` of the last StoryClassified. */
async function lastClassification(deployment: ChipwatchDeployment, count: number): Promise<number> {
  const seen = new Set<string>();
  let last = 0;
  let after = 0;
  await until(
    `all ${count} stories classified`,
    async () => {
      for (;;) {
        const page = await deployment.json<EventsPage<'StoryClassified'>>(`/events?type=StoryClassified&after=${after}&limit=1000`);
        for (const event of page.events) {
          seen.add(event.data.storyId);
          last = Math.max(last, Date.parse(event.recordedAt));
        }
        if (page.events.length === 0 || page.next === null) break;
        after = page.next;
      }
      return seen.size >= count;
    },
    deployment,
  );
  return last;
}

/**
 * Per delivered item, the time each stage added after the one before: first served →
 * StoryDiscovered → StoryClassified → AlertRaised (its first) → webhook received. The log's
 * `recordedAt` is the appending process's clock, the same machine's as the bench's.
 */
async function stageLatencies(
  deployment: ChipwatchDeployment,
  hooks: readonly ReceivedHook<WebhookPayload>[],
  servedAt: (title: string) => number,
): Promise<Record<Stage, number>> {
  const at = (event: LogEvent) => Date.parse(event.recordedAt);
  const first = new Map<string, Partial<Record<Stage, number>>>();
  const note = (storyId: string, stage: Stage, time: number) => {
    const stages = first.get(storyId) ?? {};
    stages[stage] = Math.min(stages[stage] ?? Infinity, time);
    first.set(storyId, stages);
  };
  for (const event of await deployment.events('StoryDiscovered', 'StoryClassified', 'AlertRaised')) {
    const stage: Stage = event.type === 'StoryDiscovered' ? 'discovered' : event.type === 'StoryClassified' ? 'classified' : 'raised';
    note(event.data.storyId, stage, at(event));
  }
  const spans: Record<Stage, number[]> = { discovered: [], classified: [], raised: [], delivered: [] };
  for (const hook of hooks) {
    const stages = first.get(hook.body.story.storyId);
    if (!stages) continue;
    let previous = servedAt(hook.body.story.title);
    for (const stage of STAGES) {
      const time = stage === 'delivered' ? hook.at : stages[stage];
      if (time === undefined) break;
      spans[stage].push(time - previous);
      previous = time;
    }
  }
  const p99 = (values: number[]) =>
    percentile(
      values.sort((a, b) => a - b),
      0.99,
    );
  return {
    discovered: p99(spans.discovered),
    classified: p99(spans.classified),
    raised: p99(spans.raised),
    delivered: p99(spans.delivered),
  };
}

function distinctTitles(hooks: readonly ReceivedHook<WebhookPayload>[]): Set<string> {
  return new Set(hooks.map((hook) => hook.body?.story?.title));
}

/**
 * `waitFor` over the whole deployment: gives up at once, naming the process, when one exits
 * (a crash would otherwise show only as a timeout minutes later).
 */
async function until(
  what: string,
  done: () => boolean | Promise<boolean>,
  deployment: ChipwatchDeployment,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<void> {
  await waitFor(
    what,
    async () => {
      const dead = deployment.processes.find((p) => !p.running);
      if (dead) throw new Error(`${dead.name} exited while waiting for ${what}\n${dead.tail()}`);
      return done();
    },
    timeoutMs,
  );
}

/** Busy and total CPU ticks of the whole machine since boot, from /proc/stat. */
function machineCpuTicks(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  // idle and iowait are the 4th and 5th fields.
  return { busy: total - ticks[3] - ticks[4], total };
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
