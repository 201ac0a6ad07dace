import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The project's Markdown: README.md and docs/*.md, as paths relative to the repository. */
export function projectMarkdown(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`);
  return ['README.md', ...docs];
}

/** One fenced ```json block, with the name its `<!-- example: NAME -->` marker gives it. */
export interface JsonExample {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** From the marker on the line before the fence (blank lines between allowed); undefined without one. */
  name: string | undefined;
  text: string;
}

const FENCE = /^```json\s*$/;
const MARKER = /^<!--\s*example:\s*(.+?)\s*-->$/;

export function jsonExamples(file: string): JsonExample[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const examples: JsonExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE.test(lines[i])) continue;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const name = before >= 0 ? MARKER.exec(lines[before].trim())?.[1] : undefined;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    examples.push({ file, line: i + 1, name, text: lines.slice(i + 1, end < 0 ? lines.length : end).join('\n') });
    i = end < 0 ? lines.length : end;
  }
  return examples;
}

/** Replaces the body of the block at `line` (its opening fence) with `text`. */
export function rewriteExample(example: JsonExample, text: string): void {
  const path = join(ROOT, example.file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const end = lines.findIndex((line, j) => j >= example.line && line.startsWith('```'));
  lines.splice(example.line, end - example.line, ...text.split('\n'));
  writeFileSync(path, lines.join('\n'));
}

/**
 * JSON as the docs write it: two-space indents, and any array or object that fits in `width`
 * columns on one line, so an example stays short enough to read. `lead` is how many columns
 * precede the value on its first line.
 */
export function formatJson(value: unknown, width = 120, indent = '', lead = indent.length): string {
  const flat = inline(value);
  if (lead + flat.length <= width || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + formatJson(item, width, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([key, item]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + formatJson(item, width, inner, head.length);
  });
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}
