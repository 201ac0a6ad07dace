import { Classification, Classifier } from './classifier.types';

/**
 * Measuring the classifier on labelled stories (JSON Lines: id, lang, title, summary, label 0/1).
 * Pure: the caller reads the files. Shared by scripts/eval-classifier.ts and the regression spec.
 */

export interface LabelledStory {
  id: string;
  lang: string;
  title: string;
  summary?: string;
  label: 0 | 1;
  kind?: string;
}

export interface Metrics {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Misclassified {
  story: LabelledStory;
  result: Classification;
}

export interface EvaluationReport {
  overall: Metrics;
  byLanguage: Record<string, Metrics>;
  errors: Misclassified[];
}

/** Parse JSON Lines, naming the line of any malformed record. */
export function parseLabelledJsonl(text: string, source = 'input'): LabelledStory[] {
  const out: LabelledStory[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: Partial<LabelledStory>;
    try {
      row = JSON.parse(line) as Partial<LabelledStory>;
    } catch (e) {
      throw new Error(`${source}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof row.title !== 'string' || (row.label !== 0 && row.label !== 1) || typeof row.lang !== 'string') {
      throw new Error(`${source}:${i + 1}: expected string "title", string "lang" and "label" 0 or 1`);
    }
    out.push({
      id: String(row.id ?? `line-${i + 1}`),
      lang: row.lang,
      title: row.title,
      summary: row.summary,
      label: row.label,
      kind: row.kind,
    });
  });
  return out;
}

function metrics(tp: number, fp: number, fn: number, tn: number): Metrics {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: tp + fp + fn + tn, tp, fp, fn, tn, precision, recall, f1 };
}

/**
 * Classify every story and compare with its label. The story's language is not passed to the
 * classifier, so detection is exercised too (feeds often omit it).
 */
export function evaluateClassifier(classifier: Classifier, stories: readonly LabelledStory[]): EvaluationReport {
  const counts = new Map<string, [number, number, number, number]>();
  const errors: Misclassified[] = [];
  const all: [number, number, number, number] = [0, 0, 0, 0];
  for (const story of stories) {
    const result = classifier.classify({ title: story.title, summary: story.summary });
    const c = counts.get(story.lang) ?? [0, 0, 0, 0];
    counts.set(story.lang, c);
    const slot = result.relevant ? (story.label === 1 ? 0 : 1) : story.label === 1 ? 2 : 3;
    c[slot]++;
    all[slot]++;
    if (slot === 1 || slot === 2) errors.push({ story, result });
  }
  const byLanguage: Record<string, Metrics> = {};
  for (const lang of [...counts.keys()].sort()) byLanguage[lang] = metrics(...counts.get(lang)!);
  return { overall: metrics(...all), byLanguage, errors };
}
