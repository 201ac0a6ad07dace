import { hash } from 'node:crypto';
import { parseYamlConfig } from '@chipwatch/config';
import { SUBTOPICS, TOPIC, type Subtopic, type Topic } from '@chipwatch/classifier';
import { z } from 'zod';
import { SEVERITIES, type Severity } from './severity';
import { foldText } from './text-folding';

/**
 * Schema of config/rules.yaml. Every object is strict: a misspelt key ("subtopic:" for
 * "subtopics:") would otherwise drop a condition without a word and widen the rule. Values are
 * checked against what the classifier can actually produce, for the same reason.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Shortest throttle: anything shorter is no throttle at all. */
export const MIN_THROTTLE_MS = MINUTE;
/** Longest throttle: the evaluator keeps alert identities, not windows, so this is only a sanity bound. */
export const MAX_THROTTLE_MS = 30 * DAY;

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** A duration such as `6h`, `90m`, `1d12h`: milliseconds, or why it is not one. */
export function parseThrottle(text: string): { ms: number } | { error: string } {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') return { error: `invalid duration "${text}" (expected e.g. 30m, 6h, 1d12h)` };
  const [, d, h, m, s] = match;
  const ms = Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(m ?? 0) * MINUTE + Number(s ?? 0) * SECOND;
  if (ms < MIN_THROTTLE_MS) return { error: `throttle "${text}" is shorter than 1m` };
  if (ms > MAX_THROTTLE_MS) return { error: `throttle "${text}" is longer than 30d` };
  return { ms };
}

const subtopic = z.enum(SUBTOPICS, {
  error: (issue) => `unknown subtopic ${JSON.stringify(issue.input)} (expected one of: ${SUBTOPICS.join(', ')})`,
});
const name = z.string().trim().min(1, 'must not be empty');
const keyword = name.refine((k) => foldText(k) !== '', 'a keyword needs at least one letter or digit');

/** `[]` and an absent list are the same: no condition. */
const anyAllNone = <T extends z.ZodType>(item: T) =>
  z.strictObject({ any: z.array(item).default([]), all: z.array(item).default([]), none: z.array(item).default([]) });

const conditionsSchema = z.strictObject({
  /** The classifier's topic; the story must also be relevant (score at or above the classifier's threshold). */
  topic: z.literal(TOPIC, { error: (issue) => `unknown topic ${JSON.stringify(issue.input)} (the classifier reports "${TOPIC}")` }),
  /**
   * Lowest classifier score that matches.
   * @defaultValue 0 (any relevant story)
   */
  minScore: z.number().min(0).max(1).default(0),
  subtopics: anyAllNone(subtopic).optional(),
  /** Canonical entity names as the classifier reports them; compared case-insensitively. */
  entities: anyAllNone(name).optional(),
  /**
   * ISO 639-1 codes of the story's language.
   * @defaultValue every language
   */
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639-1 code such as "en" or "zh"'))
    .min(1, 'list at least one language, or leave the key out to match every language')
    .optional(),
  /**
   * Feed ids (as in config/feeds.yaml) the story was first seen in.
   * @defaultValue every feed
   */
  feeds: z
    .array(z.string().regex(/^[a-z0-9-]+$/, 'feed ids are [a-z0-9-]+'))
    .min(1, 'list at least one feed, or leave the key out to match every feed')
    .optional(),
  /** Substrings of title + summary, case-, width- and diacritics-insensitive. */
  keywords: z.strictObject({ any: z.array(keyword).default([]), none: z.array(keyword).default([]) }).optional(),
});

const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'rule ids are [a-z0-9-]+ (they are persisted in alert ids: never rename one)'),
  /** Shown with alerts; not part of the rule's hash, so rewording it changes nothing. */
  description: z.string().optional(),
  when: conditionsSchema,
  severity: z.enum(SEVERITIES, {
    error: (issue) => `unknown severity ${JSON.stringify(issue.input)} (expected one of: ${SEVERITIES.join(', ')})`,
  }),
  /**
   * At most one alert per rule per story cluster per window of this length (1m to 30d).
   * @defaultValue none: one alert per rule per cluster, ever
   */
  throttle: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseThrottle(text);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return { text: text.trim(), ms: parsed.ms };
    })
    .optional(),
  /**
   * A disabled rule never matches but keeps its id reserved.
   * @defaultValue true
   */
  enabled: z.boolean().default(true),
});

export interface RulesSchemaOptions {
  /**
   * Entity names the classifier can report (any case). When given, a rule naming another entity
   * is an error: "Nvdia" would otherwise never match and nobody would notice.
   * @defaultValue no check
   */
  knownEntities?: Iterable<string>;
  /**
   * Feed ids that exist. When given, a rule naming another feed is an error.
   * @defaultValue no check
   */
  knownFeeds?: Iterable<string>;
}

/** The schema of the whole file, with the cross-checks `options` enable. */
export function rulesFileSchema(options: RulesSchemaOptions = {}) {
  const entities = options.knownEntities ? new Set([...options.knownEntities].map(foldName)) : null;
  const feeds = options.knownFeeds ? new Set(options.knownFeeds) : null;
  return z.strictObject({ rules: z.array(ruleSchema) }).superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.rules.forEach((rule, i) => {
      const first = firstIndex.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id "${rule.id}" (first used by rules.${first})`,
        });
      } else {
        firstIndex.set(rule.id, i);
      }
      if (entities && rule.when.entities) {
        for (const list of ['any', 'all', 'none'] as const) {
          rule.when.entities[list].forEach((entity, k) => {
            if (!entities.has(foldName(entity))) {
              ctx.addIssue({
                code: 'custom',
                path: ['rules', i, 'when', 'entities', list, k],
                message: `unknown entity "${entity}" (not among the classifier's entities)`,
              });
            }
          });
        }
      }
      if (feeds && rule.when.feeds) {
        rule.when.feeds.forEach((feed, k) => {
          if (!feeds.has(feed)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'feeds', k], message: `unknown feed "${feed}"` });
        });
      }
    });
  });
}

type ParsedRule = z.output<typeof ruleSchema>;

/** Conditions with defaults applied; an empty list is no condition. */
export interface RuleConditions {
  topic: Topic;
  /** @defaultValue 0 */
  minScore: number;
  subtopics: { any: Subtopic[]; all: Subtopic[]; none: Subtopic[] };
  entities: { any: string[]; all: string[]; none: string[] };
  /** null: every language. */
  languages: string[] | null;
  /** null: every feed. */
  feeds: string[] | null;
  keywords: { any: string[]; none: string[] };
}

/** One rule as it takes effect. */
export interface Rule {
  id: string;
  description: string | null;
  when: RuleConditions;
  severity: Severity;
  /** The throttle as written (`6h`), or null for one alert per cluster ever. */
  throttle: string | null;
  throttleMs: number | null;
  enabled: boolean;
}

export interface RuleSet {
  /** In file order, disabled ones included. */
  rules: Rule[];
  /** Short sha256 of the canonical effective rules: changes exactly when behaviour can. */
  hash: string;
  ruleIds: string[];
}

const HASH_LENGTH = 12;

function toRule(parsed: ParsedRule): Rule {
  const w = parsed.when;
  return {
    id: parsed.id,
    description: parsed.description ?? null,
    when: {
      topic: w.topic,
      minScore: w.minScore,
      subtopics: w.subtopics ?? { any: [], all: [], none: [] },
      entities: w.entities ?? { any: [], all: [], none: [] },
      languages: w.languages ?? null,
      feeds: w.feeds ?? null,
      keywords: w.keywords ?? { any: [], none: [] },
    },
    severity: parsed.severity,
    throttle: parsed.throttle?.text ?? null,
    throttleMs: parsed.throttle?.ms ?? null,
    enabled: parsed.enabled,
  };
}

/**
 * Parses and validates rules YAML. Every problem is a ConfigFileError issue with file, line,
 * column and dotted key (`rules.1.when.subtopics.any.0`).
 */
export function parseRules(text: string, file: string, options: RulesSchemaOptions = {}): RuleSet {
  const parsed = parseYamlConfig(text, rulesFileSchema(options), file);
  return ruleSetOf(parsed.rules.map(toRule));
}

/** A RuleSet of already valid rules (tests, synthetic benches). */
export function ruleSetOf(rules: Rule[]): RuleSet {
  const canonical = rules.map(canonicalRule).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules, hash: sha(stableStringify(canonical)), ruleIds: rules.map((r) => r.id) };
}

/** Short sha256 of the rule's canonical form; AlertRaised carries it so an alert names the rule version that fired. */
export function ruleHash(rule: Rule): string {
  return sha(stableStringify(canonicalRule(rule)));
}

/**
 * What the rule does, in one spelling: lists sorted and deduplicated, entity names case-folded,
 * keywords normalised the way they are matched. The description is left out (it changes nothing).
 */
function canonicalRule(rule: Rule): { id: string } & Record<string, unknown> {
  const w = rule.when;
  const set = (values: readonly string[], fold: (s: string) => string = (s) => s) => [...new Set(values.map(fold))].sort();
  return {
    id: rule.id,
    enabled: rule.enabled,
    severity: rule.severity,
    throttleMs: rule.throttleMs,
    when: {
      topic: w.topic,
      minScore: w.minScore,
      subtopics: { any: set(w.subtopics.any), all: set(w.subtopics.all), none: set(w.subtopics.none) },
      entities: { any: set(w.entities.any, foldName), all: set(w.entities.all, foldName), none: set(w.entities.none, foldName) },
      languages: w.languages && set(w.languages),
      feeds: w.feeds && set(w.feeds),
      keywords: { any: set(w.keywords.any, foldText), none: set(w.keywords.none, foldText) },
    },
  };
}

/** Entity names compare case- and width-insensitively ("nvidia", "ＮＶＩＤＩＡ", "NVIDIA"). */
export function foldName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

function sha(text: string): string {
  return hash('sha256', text, 'hex').slice(0, HASH_LENGTH);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
