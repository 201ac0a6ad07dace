import { SUBTOPICS, type ClassifierConfig } from './classifier.schema';
import type { StoryMentions } from './concept.matcher';
import type { CompiledLexicon } from './lexicon.compiler';

/**
 * Step 3 of classifying: from mentions to a score. A concept's strength (0–1) comes from the
 * field it is first found in plus a boost per repeated mention; fired signals and concept weights
 * add log-odds to the bias; the score is their logistic. Along the way it records what each
 * concept and subtopic contributed, for the explain step.
 */
export class StoryScorer {
  /** Of the story last scored, per concept: log-odds it contributed, through its weight and its part in fired signals. */
  readonly contribution: Float64Array;
  /** Of the story last scored, per subtopic (SUBTOPICS order): log-odds of the fired signals that are evidence for it. */
  readonly subtopicWeight: Float64Array;
  /** Per concept: how strongly the story mentions it, 0–1. */
  private readonly strength: Float64Array;
  /** Per entry of the signal being scored: its strongest concept. */
  private readonly strongestOfEntry: Int32Array;

  private readonly bias: number;
  private readonly titleWeight: number;
  private readonly summaryWeight: number;
  private readonly perMention: number;
  private readonly maxBoost: number;

  constructor(
    private readonly lexicon: CompiledLexicon,
    config: Pick<ClassifierConfig, 'bias' | 'fieldWeights' | 'repeatBoost'>,
  ) {
    this.bias = config.bias;
    this.titleWeight = config.fieldWeights.title;
    this.summaryWeight = config.fieldWeights.summary;
    this.perMention = config.repeatBoost.perMention;
    this.maxBoost = config.repeatBoost.max;
    const concepts = lexicon.conceptNames.length;
    this.strength = new Float64Array(concepts);
    this.contribution = new Float64Array(concepts);
    this.subtopicWeight = new Float64Array(SUBTOPICS.length);
    this.strongestOfEntry = new Int32Array(lexicon.longestSignal);
  }

  /** Probability-like score in [0, 1], rounded to 4 decimals. */
  score(mentions: StoryMentions): number {
    const { strength, contribution, subtopicWeight, strongestOfEntry, titleWeight, summaryWeight, perMention, maxBoost } = this;
    const { conceptWeights, signals } = this.lexicon;
    const { count } = mentions;
    const concepts = mentions.concepts;
    for (let c = 0; c < concepts; c++) {
      const inTitle = count[c];
      const total = inTitle + count[concepts + c];
      strength[c] =
        total === 0 ? 0 : Math.min(1, (inTitle > 0 ? titleWeight : summaryWeight) + Math.min(maxBoost, perMention * (total - 1)));
    }
    contribution.fill(0);
    subtopicWeight.fill(0);
    let logOdds = this.bias;
    for (const signal of signals) {
      const entries = signal.entries;
      let sum = 0;
      let fired = true;
      for (let j = 0; j < entries.length; j++) {
        const entry = entries[j];
        let best = 0;
        let bestConcept = -1;
        for (let q = 0; q < entry.length; q++) {
          if (strength[entry[q]] > best) {
            best = strength[entry[q]];
            bestConcept = entry[q];
          }
        }
        if (bestConcept === -1) {
          fired = false;
          break;
        }
        strongestOfEntry[j] = bestConcept;
        sum += best;
      }
      if (!fired) continue;
      const added = (signal.weight * sum) / entries.length;
      logOdds += added;
      for (let j = 0; j < entries.length; j++) contribution[strongestOfEntry[j]] += added / entries.length;
      if (signal.subtopic >= 0) subtopicWeight[signal.subtopic] += added;
    }
    for (let c = 0; c < concepts; c++) {
      if (strength[c] > 0 && conceptWeights[c] !== 0) {
        logOdds += conceptWeights[c] * strength[c];
        contribution[c] += conceptWeights[c] * strength[c];
      }
    }
    return Math.round(1e4 / (1 + Math.exp(-logOdds))) / 1e4;
  }
}
