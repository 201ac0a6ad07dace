import { ClassifierConfig, ClassifierConfigInput, classifierConfigSchema } from './classifier.schema';
import { Classification, Classifier, StoryInput, TOPIC } from './classifier.types';
import { classifierVersion } from './classifier.version';
import { explainEntities, explainEvidence, explainSubtopics } from './classification.explainer';
import { ConceptMatcher, FIELDS, StoryMentions, TITLE } from './concept.matcher';
import { LanguageEvidence, detectLanguage, primaryLanguage } from './language.detector';
import { compileLexicon } from './lexicon.compiler';
import { StoryScorer } from './story.scorer';
import { MatchList } from './term.matcher';
import { NormalisedText, normaliseInto } from './text.normaliser';

/** Normalised units of a story read for language detection; the opening is enough. */
const LANGUAGE_SAMPLE = 600;

/**
 * Validate `config` (defaults applied), compile its lexicons into one matcher and return a
 * classifier. Compilation takes milliseconds; `classify` is then allocation-light and pure:
 * the same story and config always give the same result.
 *
 * Per story: each field is normalised and its terms found (term.matcher.ts), the matches become
 * concept mentions (concept.matcher.ts), the mentions a score (story.scorer.ts), and the
 * score is explained by evidence, entities and subtopics (classification.explainer.ts).
 */
export function createClassifier(config: ClassifierConfigInput | ClassifierConfig): Classifier {
  const cfg = classifierConfigSchema.parse(config);
  const version = classifierVersion(cfg);
  const lexicon = compileLexicon(cfg);
  const conceptMatcher = new ConceptMatcher(lexicon);
  const scorer = new StoryScorer(lexicon, cfg);

  // Scratch state reused across calls: classify is synchronous, so no call can observe another's.
  const texts = FIELDS.map(() => new NormalisedText());
  const matches = FIELDS.map(() => new MatchList());
  const mentions = new StoryMentions(lexicon.conceptNames.length, lexicon.entityNames.length);
  const language = new LanguageEvidence();

  function classify(story: StoryInput): Classification {
    mentions.reset();
    language.reset();
    const detect = !story.language;
    for (let field = 0; field < FIELDS.length; field++) {
      const text = texts[field];
      const value = field === TITLE ? story.title : story.summary;
      normaliseInto(typeof value === 'string' ? value : '', text);
      if (detect) {
        language.addText(text.scripts, text.hints);
        lexicon.stopwords.scan(text, matches[field], LANGUAGE_SAMPLE, language.latin);
      }
      matches[field].length = 0;
      lexicon.terms.scan(text, matches[field]);
      conceptMatcher.matchField(field, text, matches[field], mentions);
    }
    const score = scorer.score(mentions);
    const relevant = score >= cfg.threshold;
    return {
      relevant,
      score,
      topic: TOPIC,
      subtopics: relevant ? explainSubtopics(scorer.subtopicWeight, cfg.subtopicMinWeight) : [],
      entities: explainEntities(lexicon, mentions),
      evidence: explainEvidence(lexicon, mentions, scorer.contribution, texts, cfg.maxEvidence),
      language: story.language ? primaryLanguage(story.language) : detectLanguage(language, cfg.language.minScore),
      classifierVersion: version,
    };
  }

  return { version, classify };
}
