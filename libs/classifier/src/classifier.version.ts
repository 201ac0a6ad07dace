import { createHash } from 'node:crypto';
import type { ClassifierConfig } from './classifier.schema';

/**
 * Bump when a code change alters results for an unchanged config, so that stories classified
 * before and after can be told apart (the config half of the version is hashed automatically).
 */
export const CLASSIFIER_CODE_VERSION = '1.0.0';

/** JSON with object keys sorted at every level, so equal configs hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `<code version>+<12 hex digits of sha256(code version, effective config)>`. */
export function classifierVersion(config: ClassifierConfig): string {
  const hash = createHash('sha256').update(CLASSIFIER_CODE_VERSION).update('\0').update(stableStringify(config)).digest('hex');
  return `${CLASSIFIER_CODE_VERSION}+${hash.slice(0, 12)}`;
}
