import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertStreamEvent, RuleSetEvent } from '@chipwatch/alerts';
import type { Recorded } from '@chipwatch/event-store';
import type { FeedEvent } from '@chipwatch/feeds';
import type { SubscriptionEvent } from '@chipwatch/notifications';
import type { StoryEvent } from '@chipwatch/stories';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * chipwatch as real processes: `node bin/chipwatch.js start --role api|worker` (distributed, each
 * deployment with its own PostgreSQL schema and Redis key prefix so that parallel runs sharing one
 * server never see each other) or `--role all` (embedded, SQLite in a temp dir), and everything
 * (processes, schema, keys, temp dirs) removed afterwards. Used by the e2e tests and the bench.
 */

export const ROOT = join(__dirname, '..', '..');
export const TEST_DATABASE_URL = process.env.CHIPWATCH_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.CHIPWATCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ENTRY = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
/** SIGTERM drains within 10 s by contract (README); past this the test kills. */
const STOP_GRACE_MS = 10_000;
/** `getconf CLK_TCK`: /proc reports CPU times in these (100 on every Linux this runs on). */
const CLOCK_TICKS_PER_SECOND = 100;
const OUTPUT_LINES_KEPT = 2000;
const ROUTINE = /"level":30,.*"msg":"(feed polled|job completed|request|notification delivered)"/;

/** A port nobody listens on right now: chipwatch's PORT=0 would hide the api's URL from us. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * `bin/chipwatch.js` runs `dist/`. `npm ci` builds it (the prepare script); a checkout whose
 * sources changed since is rebuilt here, so the processes never run stale code. Set
 * CHIPWATCH_E2E_NO_BUILD=1 to skip the check (then build yourself).
 */
export function ensureBuilt(): void {
  if (process.env.CHIPWATCH_E2E_NO_BUILD === '1') return;
  const built = existsSync(ENTRY) ? statSync(ENTRY).mtimeMs : 0;
  const newest = Math.max(newestSource(join(ROOT, 'apps')), newestSource(join(ROOT, 'libs')));
  if (built >= newest) return;
  try {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `dist/ is older than the sources and \`npm run build\` failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`,
    );
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<ChildProcess>();
// Last resort if the test runner dies mid-test: never leave a worker polling into a dropped schema.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** One chipwatch process, its output kept (the last lines) for diagnostics. */
export class ChipwatchProcess {
  readonly output: string[] = [];
  readonly exited: Promise<ProcessExit>;
  exit: ProcessExit | undefined;
  private readonly child: ChildProcess;
  private lastCpuSeconds = 0;
  private lastPeakRssMb = 0;

  constructor(
    readonly name: string,
    readonly role: 'api' | 'worker' | 'all',
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, [join(ROOT, 'bin', 'chipwatch.js'), 'start', '--role', role], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(this.child);
    this.collect(this.child.stdout!, 'out');
    this.collect(this.child.stderr!, 'err');
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this.child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** `kill -9`: no draining, no lock release but the one the kernel does by closing sockets. */
  async kill9(): Promise<ProcessExit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Peak resident memory so far (VmHWM), in MB; the last figure read while it ran once it exited. */
  peakRssMb(): number {
    if (this.running) {
      try {
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
        if (match) this.lastPeakRssMb = Number(match[1]) / 1024;
      } catch {
        // exited meanwhile
      }
    }
    return this.lastPeakRssMb;
  }

  /** CPU time used so far (user + system), in seconds; the last figure read while it ran once it exited. */
  cpuSeconds(): number {
    if (this.running) {
      try {
        // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        this.lastCpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
      } catch {
        // exited meanwhile
      }
    }
    return this.lastCpuSeconds;
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = STOP_GRACE_MS): Promise<ProcessExit & { forced: boolean }> {
    if (!this.running) return { ...this.exit!, forced: false };
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const forced = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (forced) {
      this.child.kill('SIGKILL');
      this.output.push(`[test] ${this.name} did not exit within ${graceMs} ms of SIGTERM: killed`);
    }
    return { ...(await this.exited), forced };
  }

  /** The last lines of output, without the routine per-poll, per-job and per-request info lines. */
  tail(lines = 60): string {
    const state = this.exit ? `exited code=${this.exit.code} signal=${this.exit.signal}` : 'running';
    const telling = this.output.filter((line) => !ROUTINE.test(line));
    return [`--- ${this.name} (${this.role}, pid ${this.pid}, ${state}) ---`, ...telling.slice(-lines)].join('\n');
  }

  private collect(stream: NodeJS.ReadableStream, label: string): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (line) this.output.push(`${label}: ${line}`);
      if (this.output.length > OUTPUT_LINES_KEPT) this.output.splice(0, this.output.length - OUTPUT_LINES_KEPT);
    });
  }
}

/** Every event chipwatch records, as the libs that own the streams declare them. */
type ChipwatchEvent = StoryEvent | FeedEvent | AlertStreamEvent | RuleSetEvent | SubscriptionEvent;
export type EventType = ChipwatchEvent['type'];

/** An event as GET /events and /streams/:id answer it (the store's RecordedEvent), of one of `T`. */
export type LogEvent<T extends EventType = EventType> = Recorded<Extract<ChipwatchEvent, { type: T }>>;

/** A page of GET /events; `next` is the `after` of the following page, null at the end of the log. */
export interface EventsPage<T extends EventType = EventType> {
  events: LogEvent<T>[];
  next: number | null;
}

export interface DeploymentOptions {
  /**
   * `distributed`: an api and workers on PostgreSQL and Redis. `embedded`: one `--role all`
   * process on SQLite with the in-process queue, as `npm start` runs.
   * @defaultValue 'distributed'
   */
  mode?: 'distributed' | 'embedded';
  /** Text of feeds.yaml. */
  feedsYaml: string;
  /** Extra environment for every process. */
  env?: Record<string, string>;
}

/**
 * One api and any number of workers on a fresh schema and key prefix (or one embedded process),
 * with a config dir holding the shipped classifier.yaml and rules.yaml and the given feeds.yaml.
 */
export class ChipwatchDeployment {
  readonly schema = `cw_e2e_${randomBytes(6).toString('hex')}`;
  readonly prefix = `cw-e2e-${randomBytes(6).toString('hex')}`;
  readonly configDir = mkdtempSync(join(tmpdir(), 'chipwatch-dist-cfg-'));
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'chipwatch-dist-data-'));
  api: ChipwatchProcess | undefined;
  readonly workers: ChipwatchProcess[] = [];
  /** Every process ever started, killed ones included, for diagnostics. */
  readonly processes: ChipwatchProcess[] = [];
  baseUrl = '';
  private port = 0;
  private redisClient: Redis | undefined;

  constructor(private readonly options: DeploymentOptions) {
    for (const file of ['classifier.yaml', 'rules.yaml']) copyFileSync(join(ROOT, 'config', file), join(this.configDir, file));
    writeFileSync(join(this.configDir, 'feeds.yaml'), options.feedsYaml);
  }

  env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    // Nothing of the runner's own chipwatch settings may leak into the processes.
    for (const [key, value] of Object.entries(process.env)) {
      if (!/^(CHIPWATCH_|DATABASE_URL$|REDIS_URL$|PORT$|HOST$|LOG_LEVEL$)/.test(key)) env[key] = value;
    }
    const stores = this.embedded
      ? {}
      : {
          DATABASE_URL: TEST_DATABASE_URL,
          CHIPWATCH_DB_SCHEMA: this.schema,
          REDIS_URL: TEST_REDIS_URL,
          CHIPWATCH_QUEUE_PREFIX: this.prefix,
        };
    return {
      ...env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      ...stores,
      CHIPWATCH_CONFIG_DIR: this.configDir,
      CHIPWATCH_DATA_DIR: this.dataDir,
      CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1',
      // A killed worker's jobs run again after one to three of these: short, so the kill test is quick.
      CHIPWATCH_QUEUE_LOCK_MS: '5000',
      LOG_LEVEL: 'warn',
      ...this.options.env,
    };
  }

  get embedded(): boolean {
    return this.options.mode === 'embedded';
  }

  /**
   * Starts the api (in embedded mode, the one process doing everything) and waits for GET /health
   * to answer 200 (store and queue up).
   */
  async startApi(timeoutMs = 60_000): Promise<ChipwatchProcess> {
    this.port = await freePort();
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    this.api = this.embedded
      ? this.track(new ChipwatchProcess('all', 'all', this.env()))
      : this.track(new ChipwatchProcess('api', 'api', this.env()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.api.running) throw new Error(`the api exited before it was healthy\n${this.api.tail()}`);
      const status = await fetch(`${this.baseUrl}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return this.api;
      if (Date.now() > deadline)
        throw new Error(`GET /health did not answer 200 within ${timeoutMs} ms (last: ${status})\n${this.api.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  startWorker(name = `worker-${this.workers.length + 1}`, env: Record<string, string> = {}): ChipwatchProcess {
    if (this.embedded) throw new Error('an embedded deployment has no separate workers');
    const worker = this.track(new ChipwatchProcess(name, 'worker', { ...this.env(), ...env }));
    this.workers.push(worker);
    return worker;
  }

  /** Replaces feeds.yaml as an editor would (write aside, rename): running processes hot-reload it. */
  setFeeds(feedsYaml: string): void {
    const aside = join(this.configDir, '.feeds.yaml.tmp');
    writeFileSync(aside, feedsYaml);
    renameSync(aside, join(this.configDir, 'feeds.yaml'));
  }

  fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(this.baseUrl + path, init);
  }

  /** The JSON body of a 2xx answer, as the caller declares it (`T`, `unknown` when not given). */
  async json<T = unknown>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(path, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Every event of these types, through GET /events pages. */
  async events<T extends EventType>(...types: T[]): Promise<LogEvent<T>[]> {
    const all: LogEvent<T>[] = [];
    let after = 0;
    for (;;) {
      const page = await this.json<EventsPage<T>>(`/events?type=${types.join(',')}&after=${after}&limit=1000`);
      all.push(...page.events);
      if (page.next === null || page.events.length === 0) return all;
      after = page.next;
    }
  }

  /** Jobs not finished in Redis (waiting, prioritized, active, delayed) for one queue. */
  async pendingJobs(queue: string): Promise<number> {
    const redis = this.redis();
    const key = `${this.prefix}:${queue}`;
    const [wait, active, delayed, prioritized] = await Promise.all([
      redis.llen(`${key}:wait`),
      redis.llen(`${key}:active`),
      redis.zcard(`${key}:delayed`),
      redis.zcard(`${key}:prioritized`),
    ]);
    return wait + active + delayed + prioritized;
  }

  /**
   * What FLUSHALL would do to this deployment, and to nobody else sharing the Redis: deletes every
   * key under the prefix (SCAN + UNLINK). Returns how many keys were deleted.
   */
  async wipeQueueKeys(): Promise<number> {
    const redis = this.redis();
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  /**
   * Terminates the PostgreSQL backends of this cluster's running processes, and only theirs: the
   * backends whose client port is a TCP connection to PostgreSQL owned by one of our children
   * (from /proc). chipwatch names every connection `chipwatch-event-store` whatever its schema, so
   * application_name cannot tell two deployments (or parallel test runs) apart.
   */
  async terminateBackends(): Promise<{ pid: number; application_name: string; query: string }[]> {
    const ports = this.postgresClientPorts();
    if (ports.length === 0) throw new Error('no PostgreSQL connections found for the cluster processes');
    return this.sql(async (client) => {
      const { rows } = await client.query<{ pid: number; application_name: string; query: string; terminated: boolean }>(
        `SELECT pid, application_name, query, pg_terminate_backend(pid) AS terminated
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND client_port = ANY($1::int[])
            AND client_addr IN ('127.0.0.1', '::1')`,
        [ports],
      );
      return rows;
    });
  }

  /** How many of this cluster's backends wait on a lock (e.g. one the test holds). */
  async backendsWaitingOnLocks(): Promise<number> {
    const ports = this.postgresClientPorts();
    return this.sql(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND client_port = ANY($1::int[]) AND wait_event_type = 'Lock'`,
        [ports],
      );
      return rows[0].n;
    });
  }

  /** Client ports of the running processes' connections to PostgreSQL. */
  postgresClientPorts(): number[] {
    const pgPort = Number(new URL(TEST_DATABASE_URL).port || 5432);
    return this.processes.filter((p) => p.running).flatMap((p) => clientPorts(p.pid, pgPort));
  }

  /** A connection of the test's own; the caller ends it. */
  async connectSql(): Promise<Client> {
    const client = new Client({ connectionString: TEST_DATABASE_URL, application_name: 'chipwatch-e2e-test' });
    await client.connect();
    return client;
  }

  /** Runs `work` on a short-lived connection of the test's own. */
  async sql<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.connectSql();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  diagnostics(lines = 60): string {
    return this.processes.map((p) => p.tail(lines)).join('\n');
  }

  /** Stops every process (SIGKILL after 10 s), drops the schema, deletes the keys and temp dirs. */
  async dispose(): Promise<void> {
    const stopped = await Promise.allSettled(this.processes.map((p) => p.stop()));
    try {
      if (!this.embedded) {
        await this.sql((client) => client.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`));
        await this.wipeQueueKeys();
      }
    } finally {
      this.redisClient?.disconnect();
      this.redisClient = undefined;
      rmSync(this.configDir, { recursive: true, force: true });
      rmSync(this.dataDir, { recursive: true, force: true });
    }
    for (const result of stopped) if (result.status === 'rejected') throw result.reason;
  }

  private track(process: ChipwatchProcess): ChipwatchProcess {
    this.processes.push(process);
    return process;
  }

  private redis(): Redis {
    this.redisClient ??= new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false, connectionName: 'chipwatch-e2e-test' });
    return this.redisClient;
  }
}

/** Local ports of `pid`'s TCP connections to `remotePort` (Linux: /proc/<pid>/fd and /proc/net/tcp*). */
export function clientPorts(pid: number, remotePort: number): number[] {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [, local, remote, , , , , , , inode] = fields;
      if (!inodes.has(inode) || parseInt(remote.split(':')[1], 16) !== remotePort) continue;
      ports.push(parseInt(local.split(':')[1], 16));
    }
  }
  return ports;
}
