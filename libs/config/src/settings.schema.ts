import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** Every environment variable chipwatch reads, validated once at boot. */
export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CHIPWATCH_CONFIG_DIR: z.string().min(1).default('./config'),
  CHIPWATCH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** PostgreSQL schema holding chipwatch's tables. */
  CHIPWATCH_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case SQL identifier')
    .default('chipwatch'),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Prefix of every BullMQ key, so several deployments (or test runs) share one Redis. */
  /** How long a BullMQ worker's lock on a job lasts: a job of a dead worker runs again after one to three of these. */
  CHIPWATCH_QUEUE_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  CHIPWATCH_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/, 'expected letters, digits, _ : -')
    .default('chipwatch'),
  CHIPWATCH_API_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .refine((keys) => keys.every((key) => key.length >= 16), { message: 'expected keys of at least 16 characters' }),
  CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: flag,
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Outgoing mail for email subscriptions: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465. */
  CHIPWATCH_SMTP_URL: optionalUrl(['smtp', 'smtps']),
  CHIPWATCH_SMTP_FROM: z.string().email('expected an email address').optional(),
  /** Base URL people reach the API at, for links in the Atom feed of alerts. */
  CHIPWATCH_PUBLIC_URL: optionalUrl(['http', 'https']),
  /** Delivery retries: attempts in all, and the first delay (doubling, capped at 30 min). */
  CHIPWATCH_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  CHIPWATCH_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  /** Jobs of each kind one process runs at once (per worker process in distributed mode). */
  CHIPWATCH_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
  CHIPWATCH_CLASSIFY_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(4),
  CHIPWATCH_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
  /** SQLite durability (see docs/event-store.md). */
  CHIPWATCH_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  NODE_ENV: z.string().optional(),
});

export type RawSettings = z.output<typeof settingsSchema>;

export interface Settings {
  port: number;
  host: string;
  configDir: string;
  dataDir: string;
  databaseUrl?: string;
  dbSchema: string;
  redisUrl?: string;
  queuePrefix: string;
  queueLockMs: number;
  apiKeys: string[];
  webhookAllowPrivate: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  sqliteSynchronous: 'FULL' | 'NORMAL';
  delivery: { attempts: number; baseMs: number };
  /** Jobs of each kind run at once per process. */
  concurrency: { poll: number; classify: number; deliver: number };
  smtp?: { host: string; port: number; secure: boolean; user?: string; pass?: string; from: string };
  publicUrl: string;
  /** `distributed` with REDIS_URL (BullMQ queues, PostgreSQL log); otherwise `embedded` (in-process queue). */
  mode: 'embedded' | 'distributed';
}

export function toSettings(raw: RawSettings): Settings {
  return {
    port: raw.PORT,
    host: raw.HOST,
    configDir: resolve(raw.CHIPWATCH_CONFIG_DIR),
    dataDir: resolve(raw.CHIPWATCH_DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    dbSchema: raw.CHIPWATCH_DB_SCHEMA,
    redisUrl: raw.REDIS_URL,
    queuePrefix: raw.CHIPWATCH_QUEUE_PREFIX,
    queueLockMs: raw.CHIPWATCH_QUEUE_LOCK_MS,
    apiKeys: raw.CHIPWATCH_API_KEYS,
    webhookAllowPrivate: raw.CHIPWATCH_WEBHOOK_ALLOW_PRIVATE,
    logLevel: raw.LOG_LEVEL,
    sqliteSynchronous: raw.CHIPWATCH_SQLITE_SYNCHRONOUS,
    delivery: { attempts: raw.CHIPWATCH_DELIVERY_ATTEMPTS, baseMs: raw.CHIPWATCH_DELIVERY_BACKOFF_MS },
    concurrency: {
      poll: raw.CHIPWATCH_POLL_CONCURRENCY,
      classify: raw.CHIPWATCH_CLASSIFY_CONCURRENCY,
      deliver: raw.CHIPWATCH_DELIVERY_CONCURRENCY,
    },
    smtp: raw.CHIPWATCH_SMTP_URL ? smtpSettings(raw.CHIPWATCH_SMTP_URL, raw.CHIPWATCH_SMTP_FROM ?? 'chipwatch@localhost') : undefined,
    publicUrl: (raw.CHIPWATCH_PUBLIC_URL ?? `http://${raw.HOST.includes(':') ? `[${raw.HOST}]` : raw.HOST}:${raw.PORT}`).replace(/\/$/, ''),
    mode: raw.REDIS_URL ? 'distributed' : 'embedded',
  };
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

function smtpSettings(url: string, from: string): Settings['smtp'] {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    from,
  };
}
