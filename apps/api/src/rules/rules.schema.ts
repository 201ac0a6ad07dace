import type { BacktestReport, Rule } from '@chipwatch/alerts';
import { SUBTOPICS, TOPIC } from '@chipwatch/classifier';
import { z } from 'zod';
import { isoTime } from '../events/events.schema';
import { pointInTime } from '../http/params.schema';
import { route } from '../http/route-contract';
import { sameShape } from '../http/shape-check';
import { SEVERITIES } from '../http/vocabularies.schema';

// ---- responses ------------------------------------------------------------------------------

const severity = z.enum(SEVERITIES);
const anyAllNone = <T extends z.ZodType>(item: T) => z.strictObject({ any: z.array(item), all: z.array(item), none: z.array(item) });

export const ruleSchema = z
  .strictObject({
    id: z.string(),
    description: z.string().nullable(),
    when: z.strictObject({
      topic: z.literal(TOPIC),
      minScore: z.number().min(0).max(1),
      subtopics: anyAllNone(z.enum(SUBTOPICS)),
      entities: anyAllNone(z.string()),
      languages: z.array(z.string()).nullable().describe('null: every language'),
      feeds: z.array(z.string()).nullable().describe('null: every feed'),
      keywords: z.strictObject({ any: z.array(z.string()), none: z.array(z.string()) }),
    }),
    severity,
    throttle: z.string().nullable().describe('As written (6h), or null for one alert per story cluster ever'),
    throttleMs: z.number().int().nullable(),
    enabled: z.boolean(),
  })
  .meta({ id: 'Rule', description: 'One rule of rules.yaml as it takes effect, defaults applied' });
sameShape<Rule>()(ruleSchema);

export const activeRulesSchema = z.strictObject({
  hash: z.string().describe('Short sha256 of the effective rules: changes exactly when behaviour can'),
  activatedAt: isoTime,
  source: z.string().describe('The rules file'),
  rules: z.array(ruleSchema).describe('In file order, disabled ones included'),
});

const sampleSchema = z.strictObject({
  storyId: z.string(),
  title: z.string(),
  score: z.number(),
  at: isoTime,
  clusterId: z.string(),
  alertId: z.string(),
});
const diffSchema = z.strictObject({
  count: z.number().int().describe('Alert identities (rule, story cluster)'),
  samples: z.array(sampleSchema),
});

export const backtestReportSchema = z
  .strictObject({
    since: isoTime.nullable(),
    until: isoTime.nullable(),
    candidateHash: z.string(),
    activeHash: z.string(),
    totals: z.strictObject({
      classifications: z.number().int(),
      stories: z.number().int(),
      clusters: z.number().int(),
      alerts: z.number().int(),
      activeAlerts: z.number().int(),
      gained: z.number().int(),
      lost: z.number().int(),
    }),
    rules: z
      .array(
        z.strictObject({
          ruleId: z.string(),
          status: z.enum(['added', 'removed', 'changed', 'unchanged']),
          severity,
          alerts: z.number().int().describe('Alerts the candidate rule raises in the period'),
          activeAlerts: z.number().int().describe('Alerts the active rule raises in the period'),
          recorded: z.number().int().describe('Later cluster members recorded on its alerts (not sent)'),
          samples: z.array(sampleSchema),
          gained: diffSchema,
          lost: diffSchema,
        }),
      )
      .describe('Candidate rules in file order, then rules only the active set has'),
  })
  .meta({ id: 'BacktestReport' });
sameShape<BacktestReport>()(backtestReportSchema);

// ---- requests -------------------------------------------------------------------------------

const rulesText = z.string().refine((text) => text.trim() !== '', 'expected the rules file as text');

export const backtestJsonSchema = z
  .object({
    rules: rulesText.describe('The candidate rules file (YAML) as text'),
    since: pointInTime.optional(),
    until: pointInTime.optional(),
  })
  .strict();
export const backtestQuerySchema = z
  .object({
    since: pointInTime.optional().describe('Report alerts from this time on (a YAML body; in a JSON body, `since` wins)'),
    until: pointInTime.optional().describe('Ignore stories after this time (a YAML body; in a JSON body, `until` wins)'),
  })
  .strict();

// ---- routes ---------------------------------------------------------------------------------

const CANDIDATE = 'rules:\n  - id: strict-any\n    when: { topic: ai-chip-export-controls, minScore: 0.8 }\n    severity: high\n';

export const ruleRoutes = {
  active: route({
    operationId: 'getRules',
    method: 'GET',
    path: '/rules',
    tag: 'rules',
    summary: 'The active rules, their hash and when they became active',
    responses: { 200: { description: 'The active rules', schema: activeRulesSchema } },
  }),
  backtest: route({
    operationId: 'backtestRules',
    method: 'POST',
    path: '/rules/backtest',
    tag: 'rules',
    summary: 'What candidate rules would have fired over the stored history, and the diff against the active rules',
    description:
      'Send the rules YAML as the body (text/yaml or text/plain; since/until in the query), or JSON {rules, since?, until?}. Read-only.',
    query: backtestQuerySchema,
    body: {
      'application/json': backtestJsonSchema,
      'text/yaml': rulesText,
      'application/yaml': rulesText,
      'application/x-yaml': rulesText,
      'text/plain': rulesText,
    },
    responses: { 200: { description: 'The backtest report', schema: backtestReportSchema } },
    examples: [
      { name: 'json', summary: 'A candidate rule over the last 30 days, as JSON', body: { rules: CANDIDATE, since: '30d' } },
      { name: 'yaml', summary: 'The same as a YAML body', mediaType: 'text/yaml', query: { since: '30d' }, body: CANDIDATE },
    ],
  }),
};
