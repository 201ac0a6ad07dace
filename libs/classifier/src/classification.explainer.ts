import { SUBTOPICS, type Subtopic } from './classifier.schema';
import type { Entities, Evidence } from './classifier.types';
import { FIELDS, SUMMARY, TITLE, type StoryMentions } from './concept.matcher';
import type { CompiledLexicon } from './lexicon.compiler';
import type { NormalisedText } from './text.normaliser';

/**
 * Step 4 of classifying: what a reader is shown beside the score. Evidence quotes each concept
 * that moved the score, in the story's own words; entities are listed in order of first mention;
 * subtopics are those whose signals weighed enough.
 */

/**
 * At most `maxEvidence` items, largest contribution first (concept order breaks ties), each the
 * concept's first mention in the first field it appears in.
 * @param contribution per concept, log-odds it added to the score (StoryScorer.contribution)
 * @param texts the story's fields as normalised, in FIELDS order
 */
export function explainEvidence(
  lexicon: CompiledLexicon,
  mentions: StoryMentions,
  contribution: Float64Array,
  texts: readonly NormalisedText[],
  maxEvidence: number,
): Evidence[] {
  const concepts: number[] = [];
  for (let c = 0; c < contribution.length; c++) if (Math.abs(contribution[c]) > 1e-9) concepts.push(c);
  concepts.sort((a, b) => Math.abs(contribution[b]) - Math.abs(contribution[a]) || a - b);
  return concepts.slice(0, maxEvidence).map((c) => {
    const field = mentions.count[c] > 0 ? TITLE : SUMMARY;
    const at = field * mentions.concepts + c;
    return {
      text: texts[field].sourceWords(mentions.firstStart[at], mentions.firstEnd[at]),
      field: FIELDS[field],
      concept: lexicon.conceptNames[c],
      weight: Math.round(contribution[c] * 1000) / 1000,
    };
  });
}

/** Canonical names of the entities mentioned, per type, in order of first mention. */
export function explainEntities(lexicon: CompiledLexicon, mentions: StoryMentions): Entities {
  const first = mentions.entityFirstMention;
  const entities: Entities = { companies: [], products: [], agencies: [], jurisdictions: [] };
  const mentioned: number[] = [];
  for (let e = 0; e < first.length; e++) if (first[e] >= 0) mentioned.push(e);
  mentioned.sort((a, b) => first[a] - first[b] || a - b);
  for (const e of mentioned) entities[lexicon.entityTypes[e]].push(lexicon.entityNames[e]);
  return entities;
}

/**
 * Subtopics whose signals added at least `minWeight` log-odds, strongest first (SUBTOPICS order
 * breaks ties).
 * @param subtopicWeight per subtopic, in SUBTOPICS order (StoryScorer.subtopicWeight)
 */
export function explainSubtopics(subtopicWeight: Float64Array, minWeight: number): Subtopic[] {
  const indices = SUBTOPICS.map((_, i) => i).filter((i) => subtopicWeight[i] >= minWeight);
  indices.sort((a, b) => subtopicWeight[b] - subtopicWeight[a] || a - b);
  return indices.map((i) => SUBTOPICS[i]);
}
