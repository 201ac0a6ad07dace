import { ALERT_EVENT_TYPES, NOTIFICATION_EVENT_TYPES, RULESET_EVENT_TYPES, SEVERITIES } from '@chipwatch/alerts';
import { FEED_EVENT_TYPES } from '@chipwatch/feeds';
import { SUBSCRIPTION_EVENT_TYPES } from '@chipwatch/notifications';
import { STORY_EVENT_TYPES } from '@chipwatch/stories';
import { z } from 'zod';
import { csvList } from './params.schema';

/**
 * The closed vocabularies of the API's filters, in one place: a value outside one is a 400 that
 * names the parameter and the allowed values, never a filter that silently matches nothing.
 * Rule ids are the exception, being data: RulesService checks them against the rule book.
 */

export { SEVERITIES };

export const severityList = csvList(SEVERITIES, 'severity', 'Comma-separated severities');

/** The languages the classifier reads (docs/classifier.md), first in every list of languages. */
export const CLASSIFIER_LANGUAGES = ['en', 'pt', 'es', 'fr', 'de', 'zh', 'ja', 'ko'] as const;
/** What a story's language is when nothing says and detection cannot tell. */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * Every language a story can carry: `und`, or an ISO 639-1 code. Not only the classifier's eight:
 * feeds declare their language and detection knows some sixty, and `?language=ru` finds those
 * stories. The codes are ICU's (every Node build with full ICU, the default, has them).
 */
export const LANGUAGES: readonly string[] = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  const iso = letters.flatMap((a) => letters.map((b) => a + b)).filter((code) => names.of(code) !== undefined);
  const others = iso.filter((code) => !(CLASSIFIER_LANGUAGES as readonly string[]).includes(code));
  return [...CLASSIFIER_LANGUAGES, UNDETERMINED_LANGUAGE, ...others];
})();

export const language = z
  .enum(LANGUAGES as [string, ...string[]], {
    error: (issue) =>
      `unknown language ${JSON.stringify(issue.input)}: expected ${[...CLASSIFIER_LANGUAGES, UNDETERMINED_LANGUAGE].join(', ')} or another ISO 639-1 code`,
  })
  .describe(
    `The story's language: ${CLASSIFIER_LANGUAGES.join(', ')} (the classifier's), ${UNDETERMINED_LANGUAGE} (undetermined) or another ISO 639-1 code`,
  );

/** Every event type in the log: each lib's list (test/docs/events-doc.int-spec.ts checks them complete). */
export const EVENT_TYPES = [
  ...FEED_EVENT_TYPES,
  ...STORY_EVENT_TYPES,
  ...ALERT_EVENT_TYPES,
  ...NOTIFICATION_EVENT_TYPES,
  ...SUBSCRIPTION_EVENT_TYPES,
  ...RULESET_EVENT_TYPES,
] as const;

export const eventTypeList = csvList(EVENT_TYPES, 'event type', 'Comma-separated event types, e.g. StoryDiscovered,FeedPolled');
