import {
  createSubscriptionSchema,
  updateSubscriptionSchema,
  type CreatedSubscription,
  type SubscriptionView,
} from '@chipwatch/notifications';
import { z } from 'zod';
import { isoTime } from '../events/events.schema';
import { route } from '../http/route-contract';
import { sameShape } from '../http/shape-check';
import { SEVERITIES } from '../http/vocabularies.schema';

// ---- responses ------------------------------------------------------------------------------

const subscriptionFields = {
  id: z.string(),
  name: z.string(),
  channel: z.enum(['webhook', 'slack', 'email']),
  target: z.string().describe('The URL with its tokens redacted, or the email address'),
  minSeverity: z.enum(SEVERITIES),
  rules: z.array(z.string()).nullable().describe('Only alerts of these rules; null: every rule'),
  source: z.enum(['api', 'config']).describe('config: declared in subscribers.yaml, which REST may not change'),
  createdAt: isoTime,
  updatedAt: isoTime,
  secretRotatedAt: isoTime.nullable(),
  removed: z.boolean(),
};

export const subscriptionSchema = z.strictObject(subscriptionFields).meta({ id: 'Subscription' });
sameShape<SubscriptionView>()(subscriptionSchema);

const secret = z
  .string()
  .regex(/^whsec_/)
  .describe('The webhook signing secret (whsec_…): shown only in this response');

export const createdSubscriptionSchema = z.strictObject({ ...subscriptionFields, secret: secret.optional() });
sameShape<CreatedSubscription>()(createdSubscriptionSchema);

export const rotatedSubscriptionSchema = z.strictObject({ ...subscriptionFields, secret });

export const subscriptionListSchema = z.strictObject({ subscriptions: z.array(subscriptionSchema) });

export const testDeliverySchema = z.strictObject({
  delivered: z.boolean(),
  status: z.number().int().optional().describe("The receiver's HTTP status, when it answered"),
  ms: z.number().int(),
  code: z.string().optional().describe('Why it failed: dns, connection, timeout, http-4xx, http-5xx, ssrf-refused…'),
  error: z.string().optional(),
});

// ---- requests -------------------------------------------------------------------------------

// REST's ids (sub_<hex>) and subscribers.yaml's (cfg_<entry id>[_<n>]).
export const subscriptionParamsSchema = z
  .object({
    id: z
      .string()
      .regex(/^([a-z]{3,4}_[a-f0-9]{8,40}|cfg_[a-z0-9][a-z0-9-]{0,63}(_\d{1,6})?)$/, 'expected a subscription id such as sub_… or cfg_…')
      .describe('sub_… (created over REST) or cfg_… (declared in subscribers.yaml)'),
  })
  .strict();

// ---- routes ---------------------------------------------------------------------------------

export const EXAMPLE_SUBSCRIPTION_ID = 'sub_3f2a9c0d1e4b5a6c7d8e';
const params = subscriptionParamsSchema;
const byId = { params: { id: EXAMPLE_SUBSCRIPTION_ID } };
const tag = 'subscriptions';

export const subscriptionRoutes = {
  create: route({
    operationId: 'createSubscription',
    method: 'POST',
    path: '/subscriptions',
    tag,
    summary: 'Subscribe a webhook, Slack incoming webhook or email address to alerts',
    description:
      'The URL must reach a public address; `rules` are ids of active rules. A webhook gets its signing secret only in this answer.',
    body: { 'application/json': createSubscriptionSchema },
    responses: {
      201: { description: 'The subscription; for webhooks `secret` (whsec_…) is shown only here', schema: createdSubscriptionSchema },
    },
    examples: [
      {
        name: 'webhook',
        summary: 'A signed webhook for medium alerts and up, of one rule',
        body: {
          name: 'trading desk',
          channel: 'webhook',
          url: 'https://hooks.example.com/chipwatch',
          minSeverity: 'medium',
          rules: ['new-restrictions'],
        },
      },
      {
        name: 'slack',
        summary: 'A Slack incoming webhook',
        body: { name: 'policy team', channel: 'slack', url: 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX' },
      },
      {
        name: 'email',
        summary: 'Email for high alerts and up',
        body: { name: 'analyst', channel: 'email', email: 'analyst@example.com', minSeverity: 'high' },
      },
    ],
  }),
  list: route({
    operationId: 'listSubscriptions',
    method: 'GET',
    path: '/subscriptions',
    tag,
    summary: 'Every subscription, REST and subscribers.yaml alike (never a secret)',
    responses: { 200: { description: 'The subscriptions', schema: subscriptionListSchema } },
  }),
  get: route({
    operationId: 'getSubscription',
    method: 'GET',
    path: '/subscriptions/:id',
    tag,
    summary: 'One subscription',
    params,
    responses: { 200: { description: 'The subscription', schema: subscriptionSchema } },
    examples: [{ name: 'subscription', summary: 'A subscription by id', ...byId }],
  }),
  update: route({
    operationId: 'updateSubscription',
    method: 'PATCH',
    path: '/subscriptions/:id',
    tag,
    summary: 'Change a subscription (not its channel); 409 for one declared in subscribers.yaml',
    params,
    body: { 'application/json': updateSubscriptionSchema },
    responses: { 200: { description: 'The subscription as changed', schema: subscriptionSchema } },
    errors: [409],
    examples: [
      { name: 'louder', summary: 'Only high alerts and up', ...byId, body: { minSeverity: 'high' } },
      { name: 'everyRule', summary: 'Alerts of every rule again', ...byId, body: { rules: null } },
    ],
  }),
  remove: route({
    operationId: 'removeSubscription',
    method: 'DELETE',
    path: '/subscriptions/:id',
    tag,
    summary: 'Remove a subscription; 409 for one declared in subscribers.yaml',
    params,
    responses: { 204: { description: 'Removed' } },
    errors: [409],
    examples: [{ name: 'subscription', summary: 'Remove a subscription', ...byId }],
  }),
  test: route({
    operationId: 'testSubscription',
    method: 'POST',
    path: '/subscriptions/:id/test',
    tag,
    summary: "Send a test notification now and report the receiver's answer",
    params,
    responses: { 200: { description: "The receiver's answer", schema: testDeliverySchema } },
    examples: [{ name: 'subscription', summary: 'Test a subscription', ...byId }],
  }),
  rotateSecret: route({
    operationId: 'rotateSubscriptionSecret',
    method: 'POST',
    path: '/subscriptions/:id/rotate-secret',
    tag,
    summary: 'Replace the webhook signing secret; the new one is shown only in this response',
    params,
    responses: { 200: { description: 'The subscription with its new secret', schema: rotatedSubscriptionSchema } },
    errors: [409],
    examples: [{ name: 'subscription', summary: 'Rotate the signing secret', ...byId }],
  }),
};
