import { z } from 'zod';
import { SEVERITIES } from '@chipwatch/alerts';

const name = z.string().trim().min(1, 'expected a non-empty name').max(100, 'expected at most 100 characters');
const url = z.string().url('expected an http(s) URL').max(2000, 'expected at most 2,000 characters');
const email = z.string().email('expected an email address').max(320);
const severity = z.enum(SEVERITIES, { message: `expected one of ${SEVERITIES.join(', ')}` });
const ruleIds = z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected rule ids from rules.yaml')).max(100);

/** `POST /subscriptions` */
export const createSubscriptionSchema = z
  .object({
    name,
    channel: z.enum(['webhook', 'slack', 'email'], { message: 'expected webhook, slack or email' }),
    url: url.optional(),
    email: email.optional(),
    minSeverity: severity.default('low'),
    rules: ruleIds.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.channel === 'email') {
      if (!body.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'required for the email channel' });
      if (body.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'not used by the email channel' });
    } else {
      if (!body.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `required for the ${body.channel} channel` });
      if (body.email) ctx.addIssue({ code: 'custom', path: ['email'], message: `not used by the ${body.channel} channel` });
    }
  });

/** `PATCH /subscriptions/:id`: the channel cannot change (create another subscription). */
export const updateSubscriptionSchema = z
  .object({
    name: name.optional(),
    url: url.optional(),
    email: email.optional(),
    minSeverity: severity.optional(),
    rules: ruleIds.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'expected at least one of name, url, email, minSeverity, rules' });

export type CreateSubscription = z.output<typeof createSubscriptionSchema>;
export type UpdateSubscription = z.output<typeof updateSubscriptionSchema>;
