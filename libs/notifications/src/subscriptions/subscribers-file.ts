import { z } from 'zod';
import { SEVERITIES, type Severity } from '@chipwatch/alerts';
import { isValidWebhookSecret } from '../webhook.signature';

/** Names an environment variable: where the file takes a credential from. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable');

const subscriberSchema = (env: NodeJS.ProcessEnv) =>
  z
    .object({
      /** Stable handle in the file; the subscription id is derived from it. */
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lowercase letters, digits and dashes (at most 64)'),
      name: z.string().trim().min(1, 'expected a non-empty name').max(100, 'expected at most 100 characters').optional(),
      channel: z.enum(['webhook', 'slack', 'email'], { message: 'expected webhook, slack or email' }),
      url: z.string().url('expected an http(s) URL').max(2000).optional(),
      /** The URL from the environment instead (a Slack webhook URL is itself a credential). */
      urlEnv: envName.optional(),
      email: z.string().email('expected an email address').max(320).optional(),
      /** Webhooks: the signing secret (`whsec_…`) from the environment, so receivers can be set up with it. */
      secretEnv: envName.optional(),
      minSeverity: z.enum(SEVERITIES, { message: `expected one of ${SEVERITIES.join(', ')}` }).default('low'),
      rules: z
        .array(z.string().regex(/^[a-z0-9-]+$/, 'expected rule ids from rules.yaml'))
        .max(100)
        .optional(),
    })
    .strict()
    .superRefine((entry, ctx) => {
      const fromEnv = (key: 'urlEnv' | 'secretEnv', name: string) => {
        const value = env[name];
        if (value === undefined || value === '')
          ctx.addIssue({ code: 'custom', path: [key], message: `environment variable ${name} is not set` });
        return value;
      };
      if (entry.channel === 'email') {
        if (!entry.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'required for the email channel' });
        for (const key of ['url', 'urlEnv', 'secretEnv'] as const) {
          if (entry[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'not used by the email channel' });
        }
        return;
      }
      if (entry.email !== undefined) ctx.addIssue({ code: 'custom', path: ['email'], message: `not used by the ${entry.channel} channel` });
      if ((entry.url === undefined) === (entry.urlEnv === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['url'], message: `expected exactly one of url and urlEnv for the ${entry.channel} channel` });
      }
      if (entry.urlEnv !== undefined) {
        const url = fromEnv('urlEnv', entry.urlEnv);
        if (url !== undefined && url !== '' && !z.string().url().safeParse(url).success) {
          ctx.addIssue({ code: 'custom', path: ['urlEnv'], message: `environment variable ${entry.urlEnv} does not hold an http(s) URL` });
        }
      }
      if (entry.channel === 'slack' && entry.secretEnv !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['secretEnv'], message: 'not used by the slack channel' });
      }
      if (entry.channel === 'webhook') {
        if (entry.secretEnv === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['secretEnv'],
            message: 'required for a webhook: the environment variable holding its whsec_ signing secret',
          });
        } else {
          const secret = fromEnv('secretEnv', entry.secretEnv);
          if (secret && !isValidWebhookSecret(secret)) {
            ctx.addIssue({
              code: 'custom',
              path: ['secretEnv'],
              message: `environment variable ${entry.secretEnv} does not hold a whsec_ secret (base64 of 24 to 64 bytes)`,
            });
          }
        }
      }
    });

/** `config/subscribers.yaml`, checked against `env` (credentials are named, never written in the file). */
export const subscribersFileSchema = (env: NodeJS.ProcessEnv) =>
  z
    .object({ subscribers: z.array(subscriberSchema(env)).max(1000).default([]) })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.subscribers.forEach((entry, index) => {
        if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: ['subscribers', index, 'id'], message: `duplicate id "${entry.id}"` });
        seen.add(entry.id);
      });
    });

export type SubscriberEntry = z.output<ReturnType<typeof subscriberSchema>>;

/** What one entry asks for, credentials resolved from the environment. */
export interface StaticSubscriber {
  /** The entry's id in the file. */
  key: string;
  name: string;
  channel: 'webhook' | 'slack' | 'email';
  /** URL or email address. */
  target: string;
  secret?: string;
  minSeverity: Severity;
  rules: string[] | null;
}

export function resolveSubscriber(entry: SubscriberEntry, env: NodeJS.ProcessEnv): StaticSubscriber {
  const target = entry.channel === 'email' ? entry.email! : (entry.url ?? env[entry.urlEnv!]!);
  return {
    key: entry.id,
    name: entry.name ?? entry.id,
    channel: entry.channel,
    target,
    ...(entry.channel === 'webhook' ? { secret: env[entry.secretEnv!]! } : {}),
    minSeverity: entry.minSeverity,
    rules: entry.rules ?? null,
  };
}
