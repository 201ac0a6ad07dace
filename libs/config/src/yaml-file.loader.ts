import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigFileError, type ConfigIssue } from './config-file.error';

/**
 * Parses YAML text and validates it with a zod schema. Every problem (YAML syntax or schema)
 * comes back located at file, line, column and key — users edit these files by hand.
 */
export function parseYamlConfig<S extends z.ZodType>(text: string, schema: S, file: string): z.output<S> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (document.errors.length > 0) {
    throw new ConfigFileError(
      document.errors.map((error) => {
        const { line, col } = at(error.pos[0]);
        return { file, line, column: col, key: '', message: firstLine(error.message) };
      }),
    );
  }
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((unknownKey) => {
        const range = keyRange(document, path, unknownKey) ?? nodeRange(document, path);
        const { line, col } = at(range);
        return { file, line, column: col, key: [...path, unknownKey].join('.'), message: `unknown key "${unknownKey}"` };
      });
    }
    const { line, col } = at(nodeRange(document, path));
    return [{ file, line, column: col, key: path.join('.'), message: issue.message }];
  });
  throw new ConfigFileError(issues);
}

/** Reads and validates a YAML config file; a missing or unreadable file is a ConfigFileError too. */
export function loadYamlConfig<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigFileError([{ file: path, line: 1, column: 1, key: '', message: reason }]);
  }
  return parseYamlConfig(text, schema, path);
}

/**
 * `<package root>/config/<file>`: the config chipwatch ships with, used where the config dir has
 * none. The root is the nearest directory above this file holding a package.json, so the answer
 * is the same from source (jest, swc-node), from dist/ after `nest build` and from any cwd.
 */
export function shippedConfigPath(file: string): string {
  return join(packageRoot(), 'config', file);
}

/** Reads and validates one of the shipped config files (see {@link shippedConfigPath}). */
export function loadShippedYamlConfig<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return loadYamlConfig(shippedConfigPath(file), schema);
}

let root: string | undefined;

function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`chipwatch's package.json not found above ${__dirname}`);
  }
}

/** Offset of the deepest node on `path` that exists (a missing key points at its parent). */
function nodeRange(document: Document, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as Node | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return 0;
}

function keyRange(document: Document, path: readonly (string | number)[], key: string): number | undefined {
  const parent = path.length ? document.getIn(path, true) : document.contents;
  if (!isMap(parent) && !isSeq(parent)) return undefined;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => (item.key as { value?: unknown })?.value === key);
  return (pair?.key as Node | undefined)?.range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
