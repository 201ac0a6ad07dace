import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Classifier } from '@chipwatch/classifier';
import { loadClassifier } from '@chipwatch/stories';

interface ClassifyInput {
  id?: unknown;
  title?: unknown;
  summary?: unknown;
  lang?: unknown;
}

/**
 * `chipwatch classify [FILE|-]`: JSONL {id, title, summary, lang?} in, one JSONL verdict per
 * line out, in input order. Needs no server or database. A line that cannot be read yields
 * `{"line": n, "error": …}` in its place, and the command exits 1 at the end.
 */
export async function classifyCommand(file: string | undefined, options: { config?: string }, configDir: string): Promise<number> {
  // A file named on the command line must exist: falling back to the shipped lexicon would hide a typo.
  if (options.config !== undefined && !existsSync(options.config)) {
    process.stderr.write(`chipwatch classify: --config ${options.config}: no such file\n`);
    return 2;
  }
  const { classifier } = loadClassifier(options.config ?? join(configDir, 'classifier.yaml'));
  const input = !file || file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const output = classifyLine(classifier, line, lineNumber);
    if ('error' in output) failures++;
    if (!process.stdout.write(JSON.stringify(output) + '\n')) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  if (failures > 0) process.stderr.write(`chipwatch classify: ${failures} line(s) could not be classified\n`);
  return failures > 0 ? 1 : 0;
}

function classifyLine(classifier: Classifier, line: string, lineNumber: number): Record<string, unknown> {
  let item: ClassifyInput;
  try {
    item = JSON.parse(line) as ClassifyInput;
  } catch (error) {
    return { line: lineNumber, error: `not JSON: ${(error as Error).message}` };
  }
  if (typeof item !== 'object' || item === null || typeof item.title !== 'string') {
    return { line: lineNumber, id: (item as ClassifyInput | null)?.id ?? null, error: 'expected an object with a string "title"' };
  }
  const result = classifier.classify({
    title: item.title,
    summary: typeof item.summary === 'string' ? item.summary : undefined,
    language: typeof item.lang === 'string' ? item.lang : undefined,
  });
  return {
    id: item.id ?? null,
    relevant: result.relevant,
    score: result.score,
    subtopics: result.subtopics,
    entities: result.entities,
    evidence: result.evidence,
    language: result.language,
  };
}
