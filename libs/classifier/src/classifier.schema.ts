import { z } from 'zod';
import { HINT_LANGUAGES } from './text.normaliser';

/**
 * Schema of config/classifier.yaml. Objects are strict so a misspelt key is an error rather than
 * a silently ignored setting; cross-references (a signal naming a concept that does not exist)
 * are checked too, with the path of the offending value so a loader can point at file:line:col.
 */

export const SUBTOPICS = [
  'new-restriction',
  'licence-decision',
  'enforcement',
  'allied-controls',
  'countermeasure',
  'company-impact',
  'market-reaction',
  'policy-debate',
] as const;
export type Subtopic = (typeof SUBTOPICS)[number];

export const ENTITY_TYPES = ['companies', 'products', 'agencies', 'jurisdictions'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Limit on derived concepts (see lexicon.compiler.ts). */
export const MAX_DERIVED = 31;

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case kebab-case');
const term = z.string().trim().min(1);
const terms = z.array(term);
/** Language code ("en", "zh") or "any"; languages only group terms, every term applies to every story. */
const lang = z.string().regex(/^([a-z]{2,3}|any)$/, 'use an ISO 639-1 code such as "pt", or "any"');
/** One concept id, or a list meaning "any of these". */
const conceptRef = z.union([id, z.array(id).min(1)]);

const conceptSchema = z.strictObject({
  /** What the concept stands for; documentation only. */
  description: z.string().optional(),
  /**
   * Added to the log-odds, times the concept's strength, whenever the concept is present.
   * Negative for concepts that mark look-alike stories (tariffs, CSV files).
   * @defaultValue 0
   */
  weight: z.number().default(0),
  /** Terms by language (see term syntax in term.matcher.ts). */
  terms: z.record(lang, terms).default({}),
});

const derivedSchema = z.strictObject({
  description: z.string().optional(),
  /** Present when a match of the first ref lies within the window of a match of the second. */
  near: z.tuple([conceptRef, conceptRef]),
  /** @defaultValue 0 */
  weight: z.number().default(0),
  /** Overrides the global window for this concept (e.g. a sentence rather than a phrase). */
  window: z.strictObject({ latin: z.number().int().min(0), cjk: z.number().int().min(0) }).optional(),
});

const signalSchema = z.strictObject({
  id,
  description: z.string().optional(),
  /** Every entry must be present; an entry that is a list is satisfied by any of its concepts. */
  all: z.array(conceptRef).min(1),
  /** Log-odds added when the signal fires at full strength. */
  weight: z.number(),
  /** Subtopic this signal is evidence for, if any. */
  subtopic: z.enum(SUBTOPICS).optional(),
});

const entitySchema = z.strictObject({
  /** Concepts a mention of this entity counts as (NVIDIA → chip-company). */
  concepts: z.array(id).default([]),
  terms: terms.min(1),
});
const entityGroup = z.record(z.string().min(1), entitySchema).default({});

export const classifierConfigSchema = z
  .strictObject({
    /**
     * Score at or above which a story is relevant.
     * @defaultValue 0.5
     */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Log-odds of a story with no evidence at all. */
    bias: z.number(),
    /** How much a match counts in each field (a title mention is stronger than one in the body). */
    fieldWeights: z.strictObject({ title: z.number().min(0).max(1), summary: z.number().min(0).max(1) }),
    /** Extra strength per repeated mention of a concept, up to `max`; strength never exceeds 1. */
    repeatBoost: z.strictObject({ perMention: z.number().min(0), max: z.number().min(0) }),
    /** Largest gap, in normalised characters, between the two sides of a derived concept. */
    window: z.strictObject({ latin: z.number().int().min(0), cjk: z.number().int().min(0) }),
    /**
     * Evidence items returned per story, strongest first.
     * @defaultValue 12
     */
    maxEvidence: z.number().int().min(0).default(12),
    /**
     * Log-odds a subtopic's signals must contribute before the subtopic is reported.
     * @defaultValue 1
     */
    subtopicMinWeight: z.number().min(0).default(1),
    /** Phrases that hide any match inside them ("e-commerce" hides "commerce", 纳米 hides 米). */
    ignore: terms.default([]),
    language: z.strictObject({
      /** Whole-word stopwords per Latin-script language, for detection only. */
      stopwords: z.partialRecord(z.enum(HINT_LANGUAGES), terms),
      /** Score (stopword hits + diacritic hints) the leading language needs. */
      minScore: z.number().min(0),
    }),
    concepts: z.record(id, conceptSchema),
    derived: z.record(id, derivedSchema).default({}),
    signals: z.array(signalSchema),
    entities: z.strictObject({
      companies: entityGroup,
      products: entityGroup,
      agencies: entityGroup,
      jurisdictions: entityGroup,
    }),
  })
  .superRefine((config, ctx) => {
    const base = new Set(Object.keys(config.concepts));
    const derived = new Set(Object.keys(config.derived));
    for (const name of derived) {
      if (base.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['derived', name], message: `"${name}" is already a concept` });
      }
    }
    if (derived.size > MAX_DERIVED) {
      // The hot path tracks derived concepts in one 32-bit mask per term.
      ctx.addIssue({ code: 'custom', path: ['derived'], message: `at most ${MAX_DERIVED} derived concepts are supported` });
    }
    const refs = (ref: string | string[]) => (typeof ref === 'string' ? [ref] : ref);
    for (const [name, d] of Object.entries(config.derived)) {
      d.near.forEach((ref, side) =>
        refs(ref).forEach((c, k) => {
          if (!base.has(c)) {
            ctx.addIssue({
              code: 'custom',
              path: ['derived', name, 'near', side, ...(typeof ref === 'string' ? [] : [k])],
              message: `unknown concept "${c}" (derived concepts are built from concepts, not from other derived ones)`,
            });
          }
        }),
      );
    }
    const seen = new Set<string>();
    config.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'id'], message: `duplicate signal id "${s.id}"` });
      seen.add(s.id);
      s.all.forEach((ref, j) =>
        refs(ref).forEach((c, k) => {
          if (!base.has(c) && !derived.has(c)) {
            ctx.addIssue({
              code: 'custom',
              path: ['signals', i, 'all', j, ...(typeof ref === 'string' ? [] : [k])],
              message: `unknown concept "${c}"`,
            });
          }
        }),
      );
    });
    for (const type of Object.keys(config.entities) as EntityType[]) {
      for (const [name, e] of Object.entries(config.entities[type])) {
        e.concepts.forEach((c, k) => {
          if (!base.has(c)) {
            ctx.addIssue({ code: 'custom', path: ['entities', type, name, 'concepts', k], message: `unknown concept "${c}"` });
          }
        });
      }
    }
  });

/** Classifier settings as written in YAML (defaults not yet applied). */
export type ClassifierConfigInput = z.input<typeof classifierConfigSchema>;
/** Classifier settings after validation, with defaults applied. */
export type ClassifierConfig = z.output<typeof classifierConfigSchema>;
