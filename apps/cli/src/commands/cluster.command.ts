import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { clusterStories, DEFAULT_CLUSTER_WINDOW_MS, type OfflineStory } from '@chipwatch/alerts';
import { loadClassifier } from '@chipwatch/stories';

type Line = { line: number; story: OfflineStory } | { line: number; error: Record<string, unknown> };

/**
 * `chipwatch cluster [FILE|-] [--window 48h]`: JSONL `{id, title, summary, lang?, url?, feedId?,
 * publishedAt?}` in; each story classified, the relevant ones clustered in publishedAt order
 * (ties in input order) with the live evaluator's clustering, and one line per input out, in
 * input order: `{"id", "relevant", "clusterId"}` (clusterId null when not relevant). Needs no
 * server or database. A line that cannot be read yields `{"line": n, "error": …}` in its place,
 * and the command exits 1 at the end.
 */
export async function clusterCommand(file: string | undefined, options: { window?: number }, configDir: string): Promise<number> {
  const { classifier } = loadClassifier(join(configDir, 'classifier.yaml'));
  const input = !file || file === '-' ? process.stdin : createReadStream(file, 'utf8');
  const lines: Line[] = [];
  let lineNumber = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (text.trim() !== '') lines.push(readLine(text, lineNumber));
  }
  const stories = lines.flatMap((l) => ('story' in l ? [l.story] : []));
  const verdicts = clusterStories(stories, classifier, { windowMs: options.window ?? DEFAULT_CLUSTER_WINDOW_MS });
  let next = 0;
  let failures = 0;
  for (const l of lines) {
    let output: Record<string, unknown>;
    if ('story' in l) {
      const { id, relevant, clusterId } = verdicts[next++];
      output = { id, relevant, clusterId };
    } else {
      output = l.error;
      failures++;
    }
    if (!process.stdout.write(JSON.stringify(output) + '\n')) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  if (failures > 0) process.stderr.write(`chipwatch cluster: ${failures} line(s) could not be read\n`);
  return failures > 0 ? 1 : 0;
}

function readLine(text: string, line: number): Line {
  let item: unknown;
  try {
    item = JSON.parse(text);
  } catch (error) {
    return { line, error: { line, error: `not JSON: ${(error as Error).message}` } };
  }
  const fields = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const id = fields.id;
  if (typeof id !== 'string' || id === '' || typeof fields.title !== 'string') {
    return { line, error: { line, id: id ?? null, error: 'expected an object with a string "id" and "title"' } };
  }
  const optional = (key: string) => {
    const value = fields[key];
    return typeof value === 'string' ? value : undefined;
  };
  const publishedAt = optional('publishedAt');
  if (publishedAt !== undefined && Number.isNaN(Date.parse(publishedAt))) {
    return { line, error: { line, id, error: `publishedAt "${publishedAt}" is not an ISO 8601 time` } };
  }
  return {
    line,
    story: { id, title: fields.title, summary: optional('summary'), lang: optional('lang'), url: optional('url') ?? null, feedId: optional('feedId'), publishedAt },
  };
}
