import { HINT_LANGUAGES, Script } from './text.normaliser';

/**
 * Language detection from evidence the classifier gathers anyway: letters per script (counted by
 * the normaliser) and, for Latin script, stopword hits (found by the term matcher) plus diacritic
 * hints. Good enough to label a news story; it is not a general-purpose identifier.
 */

/** Returned when the evidence does not point to one language (BCP 47 "undetermined"). */
export const UNDETERMINED = 'und';

/** Scores gathered while scanning a story; reset between stories. */
export class LanguageEvidence {
  readonly scripts = new Int32Array(6);
  /** Stopword hits plus diacritic weights, per {@link HINT_LANGUAGES} entry. */
  readonly latin = new Float64Array(HINT_LANGUAGES.length);

  reset(): void {
    this.scripts.fill(0);
    this.latin.fill(0);
  }

  addText(scripts: Int32Array, hints: Float64Array): void {
    for (let i = 0; i < scripts.length; i++) this.scripts[i] += scripts[i];
    for (let i = 0; i < hints.length; i++) this.latin[i] += hints[i];
  }
}

/**
 * Pick a language: scripts first (Hangul → ko; any kana → ja; Han without kana → zh), then the
 * best-scoring Latin language if its lead is clear.
 * @param minLatinScore evidence a Latin language needs before it is named
 */
export function detectLanguage(e: LanguageEvidence, minLatinScore: number): string {
  const s = e.scripts;
  const han = s[Script.Han];
  const kana = s[Script.Kana];
  const hangul = s[Script.Hangul];
  const latin = s[Script.Latin];
  const cjk = han + kana + hangul;
  // Latin brand names (NVIDIA, H20) are common in CJK stories: CJK wins once it is a fair share.
  if (cjk >= 2 && cjk * 3 >= latin * 0.5) {
    if (hangul >= kana && hangul * 4 >= han) return 'ko';
    if (kana >= 1 && kana * 10 >= han) return 'ja';
    if (han >= hangul) return 'zh';
    return 'ko';
  }
  let best = -1;
  let second = 0;
  for (let i = 0; i < e.latin.length; i++) {
    if (best === -1 || e.latin[i] > e.latin[best]) {
      if (best !== -1) second = Math.max(second, e.latin[best]);
      best = i;
    } else {
      second = Math.max(second, e.latin[i]);
    }
  }
  if (best === -1 || e.latin[best] < minLatinScore || e.latin[best] <= second) return UNDETERMINED;
  return HINT_LANGUAGES[best];
}

/** Reduce a caller-supplied tag to its primary language subtag ("pt-BR" → "pt", "zh-Hant" → "zh"). */
export function primaryLanguage(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === '' ? UNDETERMINED : primary;
}
