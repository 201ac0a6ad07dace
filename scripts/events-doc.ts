/**
 * Writes docs/events.md from the event types themselves: every `Event<'Type', {...}>` alias in
 * the libs' `*.events.ts` files, with its fields, their types and their doc comments, as the
 * TypeScript compiler sees them. `npm run docs:events` regenerates it; a test fails when the file
 * and the types disagree, so the document cannot drift from the code.
 *
 *   node -r @swc-node/register scripts/events-doc.ts [--check]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectCompilerOptions, ROOT } from './ts-project';

export const EVENTS_DOC = join(ROOT, 'docs', 'events.md');

interface EventField {
  name: string;
  type: string;
  optional: boolean;
  doc: string;
}

interface EventDoc {
  type: string;
  doc: string;
  fields: EventField[];
}

interface EventsFile {
  path: string;
  events: EventDoc[];
}

/** Every `*.events.ts` under libs/, in a stable order. */
function eventFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.events.ts')) found.push(path);
    }
  };
  walk(join(ROOT, 'libs'));
  return found.sort();
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
}

/** The field's type as written (`Severity`, `string | null`), else as the compiler infers it. */
function typeText(field: ts.Symbol, at: ts.Node, checker: ts.TypeChecker): string {
  const declaration = field.valueDeclaration;
  if (declaration && ts.isPropertySignature(declaration) && declaration.type) return declaration.type.getText().replace(/\s+/g, ' ');
  return checker.typeToString(checker.getTypeOfSymbolAtLocation(field, at), undefined, ts.TypeFormatFlags.NoTruncation);
}

/** The events declared in one file: exported aliases whose type has a string-literal `type` and a `data` object. */
function eventsIn(source: ts.SourceFile, checker: ts.TypeChecker): EventDoc[] {
  const events: EventDoc[] = [];
  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || !ts.isTypeReferenceNode(statement.type)) continue;
    if (statement.type.typeName.getText(source) !== 'Event') continue;
    const type = checker.getTypeAtLocation(statement);
    const typeProperty = type.getProperty('type');
    const dataProperty = type.getProperty('data');
    if (!typeProperty || !dataProperty) continue;
    const literal = checker.getTypeOfSymbolAtLocation(typeProperty, statement);
    if (!literal.isStringLiteral()) continue;
    const data = checker.getTypeOfSymbolAtLocation(dataProperty, statement);
    const alias = checker.getSymbolAtLocation(statement.name);
    events.push({
      type: literal.value,
      doc: alias ? docOf(alias, checker) : '',
      fields: data.getProperties().map((field) => ({
        name: field.name,
        type: typeText(field, statement, checker),
        optional: (field.flags & ts.SymbolFlags.Optional) !== 0,
        doc: docOf(field, checker),
      })),
    });
  }
  return events;
}

export function collectEvents(): EventsFile[] {
  const files = eventFiles();
  const program = ts.createProgram(files, projectCompilerOptions());
  const checker = program.getTypeChecker();
  return files.map((path) => ({ path: relative(ROOT, path), events: eventsIn(program.getSourceFile(path)!, checker) }));
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderEventsDoc(files: readonly EventsFile[] = collectEvents()): string {
  const lines = [
    '# Events',
    '',
    'Every fact chipwatch records is one of these events. Payloads are plain JSON, versioned by adding',
    'fields, never by changing meaning; a field marked optional may be absent in events recorded before',
    'it was added. Every event also has `position`, `streamId`, `streamVersion`, `type`, `metadata` and',
    '`recordedAt` (see [event-store.md](event-store.md)).',
    '',
    'Generated from the types by `npm run docs:events`; a test fails when this file and the types disagree.',
    '',
  ];
  for (const file of files) {
    if (file.events.length === 0) continue;
    lines.push(`## ${file.path}`, '');
    for (const event of file.events) {
      lines.push(`### ${event.type}`, '');
      if (event.doc) lines.push(event.doc, '');
      lines.push('| field | type | |', '|---|---|---|');
      for (const field of event.fields) {
        lines.push(`| \`${field.name}\`${field.optional ? ' (optional)' : ''} | \`${cell(field.type)}\` | ${cell(field.doc)} |`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  const rendered = renderEventsDoc();
  if (process.argv.includes('--check')) {
    const current = readFileSync(EVENTS_DOC, 'utf8');
    if (current !== rendered) {
      process.stderr.write('docs/events.md is out of date: run npm run docs:events\n');
      process.exit(1);
    }
  } else {
    writeFileSync(EVENTS_DOC, rendered);
    process.stdout.write(`wrote ${relative(ROOT, EVENTS_DOC)}\n`);
  }
}
