import type { AlertView } from '@chipwatch/alerts';
import { z } from 'zod';
import { eventSchema, isoTime, lastEventIdHeaders, sseSchema } from '../events/events.schema';
import { pageLimit, pointInTime, position, timelineCursor } from '../http/params.schema';
import { route } from '../http/route-contract';
import { sameShape } from '../http/shape-check';
import { SEVERITIES, severityList } from '../http/vocabularies.schema';
import { ruleSchema } from '../rules/rules.schema';
import { classificationSchema, evidenceSchema, storySchema } from '../stories/stories.schema';

// ---- responses: add a field of AlertView here (and the type check below says so) ------------

export const alertDeliverySchema = z
  .strictObject({
    subscriptionId: z.string(),
    notificationId: z.string(),
    kind: z.enum(['raised', 'updated']).describe('Which notification of the cluster this is'),
    severity: z
      .enum(SEVERITIES)
      .nullable()
      .describe('The severity this notification told its subscriber; null for attempts recorded before it was kept'),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastAttemptAt: isoTime,
    lastStatus: z.number().int().nullable().describe("The receiver's HTTP status, when it answered"),
    lastError: z.string().nullable(),
    nextAttemptAt: isoTime.nullable(),
  })
  .meta({ id: 'AlertDelivery' });

export const alertSchema = z
  .strictObject({
    alertId: z.string(),
    ruleId: z.string(),
    ruleHash: z.string().describe('Hash of the rule version that fired'),
    severity: z
      .enum(SEVERITIES)
      .describe(
        "The severity notified for this alert (webhooks, Slack, email and Atom show the same): the rule's, or higher once an alert.updated naming it was delivered",
      ),
    ruleSeverity: z.enum(SEVERITIES).describe("The severity of the alert's own rule"),
    updatedAt: isoTime.nullable().describe('When the later alert that raised `severity` was raised; null while nothing did'),
    updatedBy: z
      .strictObject({ alertId: z.string(), ruleId: z.string(), severity: z.enum(SEVERITIES) })
      .nullable()
      .describe('The later alert of the cluster that raised `severity`; null while nothing did'),
    storyId: z.string().describe('The story that raised the alert'),
    clusterId: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    feedId: z.string(),
    score: z.number(),
    subtopics: z.array(z.string()),
    evidence: z.array(evidenceSchema),
    reasons: z.array(z.string()).describe('Which conditions held, in words'),
    throttleWindow: z.number().int().nullable(),
    windowStart: isoTime.nullable(),
    siblings: z
      .array(z.strictObject({ alertId: z.string(), ruleId: z.string(), severity: z.enum(SEVERITIES) }))
      .optional()
      .describe('Every alert the same story raised at once, this one included (absent on older alerts)'),
    raisedAt: isoTime,
    position: z.number().int().describe('Position of AlertRaised in the log'),
    members: z
      .array(z.strictObject({ storyId: z.string(), title: z.string(), url: z.string().nullable(), feedId: z.string(), at: isoTime }))
      .describe('Later stories of the cluster, recorded on the alert (not sent again)'),
    deliveries: z.array(alertDeliverySchema),
  })
  .meta({ id: 'Alert' });
sameShape<AlertView>()(alertSchema);

export const alertPageSchema = z.strictObject({
  alerts: z.array(alertSchema).describe('Newest first'),
  next: z.string().nullable().describe('Pass as `cursor` for older alerts; null at the end'),
});

export const alertDetailSchema = z.strictObject({
  alert: alertSchema.describe("Folded from the alert's stream, so a delivery shows at once"),
  rule: z.strictObject({
    id: z.string(),
    hash: z.string().describe('Of the version that fired'),
    activeDefinition: ruleSchema.nullable().describe('The rule as active now; null when it was removed'),
  }),
  story: storySchema.nullable(),
  classification: classificationSchema.nullable(),
  storyEvents: z.array(eventSchema),
  events: z.array(eventSchema).describe("The alert's own stream"),
  deliveries: z.array(eventSchema).describe('NotificationDelivered and NotificationFailed events'),
});

// ---- requests -------------------------------------------------------------------------------

const ruleId = z
  .string()
  .regex(/^[a-z0-9-]{1,100}$/, 'expected a rule id')
  .describe('Only alerts of this rule: an id from GET /rules, or of a rule since removed');

/** `GET /alerts` */
export const alertsQuerySchema = z
  .object({
    rule: ruleId.optional(),
    severity: severityList.optional(),
    since: pointInTime.optional().describe('Raised at or after this: an ISO 8601 time, or a span such as 24h'),
    cursor: timelineCursor.optional(),
    limit: pageLimit(200, 50),
  })
  .strict();

/** `GET /alerts.atom` */
export const alertsAtomQuerySchema = z
  .object({ rule: ruleId.optional(), severity: severityList.optional(), limit: pageLimit(200, 50) })
  .strict();

/** `GET /alerts/live` */
export const liveAlertsQuerySchema = z
  .object({
    after: position
      .optional()
      .describe('Resume after this position (Last-Event-ID wins when both are sent); without either, only new alerts'),
  })
  .strict();

export const alertParamsSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-f0-9]{8,64}$/, 'expected an alert id')
      .describe('An alert id (hex)'),
  })
  .strict();

export type AlertsQuery = z.output<typeof alertsQuerySchema>;
export type AlertsAtomQuery = z.output<typeof alertsAtomQuerySchema>;

// ---- routes ---------------------------------------------------------------------------------

export const EXAMPLE_ALERT_ID = '9b1c2d3e4f5a6b7c8d9e0f1a';

export const alertRoutes = {
  list: route({
    operationId: 'listAlerts',
    method: 'GET',
    path: '/alerts',
    tag: 'alerts',
    summary: 'Alerts, newest first',
    query: alertsQuerySchema,
    responses: { 200: { description: 'A page of alerts', schema: alertPageSchema } },
    examples: [
      { name: 'loud', summary: 'High and critical alerts of the last 7 days', query: { severity: 'high,critical', since: '7d' } },
      { name: 'oneRule', summary: 'Alerts of one rule', query: { rule: 'export-controls-any', limit: '10' } },
    ],
  }),
  atom: route({
    operationId: 'alertsAtom',
    method: 'GET',
    path: '/alerts.atom',
    tag: 'alerts',
    summary: 'Recent alerts as an Atom 1.0 feed, for feed readers',
    query: alertsAtomQuerySchema,
    responses: { 200: { description: 'An Atom feed', mediaType: 'application/atom+xml', schema: z.string().describe('Atom 1.0 XML') } },
    examples: [{ name: 'high', summary: 'High and critical alerts', query: { severity: 'high,critical' } }],
  }),
  live: route({
    operationId: 'followAlerts',
    method: 'GET',
    path: '/alerts/live',
    tag: 'alerts',
    summary: 'AlertRaised events as Server-Sent Events, resumable with Last-Event-ID',
    query: liveAlertsQuerySchema,
    headers: lastEventIdHeaders,
    responses: {
      200: { description: 'The stream of AlertRaised events', mediaType: 'text/event-stream', schema: sseSchema('the AlertRaised event') },
    },
    examples: [{ name: 'resume', summary: 'Resume after position 120', headers: { 'Last-Event-ID': '120' } }],
  }),
  get: route({
    operationId: 'getAlert',
    method: 'GET',
    path: '/alerts/:id',
    tag: 'alerts',
    summary: 'One alert with its provenance: story and events, classification and evidence, rule and hash, every delivery attempt',
    params: alertParamsSchema,
    responses: { 200: { description: 'The alert and its provenance', schema: alertDetailSchema } },
    examples: [{ name: 'alert', summary: 'An alert by id', params: { id: EXAMPLE_ALERT_ID } }],
  }),
};
