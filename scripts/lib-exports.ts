/**
 * Which names each lib's index exports that nothing outside the lib imports. A lib's index is its
 * public surface: it should offer its module, services, event types and what other libs, apps,
 * tests and tools actually use, and nothing else (`npm test` checks it; deep imports past the
 * index are refused by .dependency-cruiser.js).
 *
 *   node -r @swc-node/register scripts/lib-exports.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectCompilerOptions, ROOT } from './ts-project';

const CONSUMER_DIRS = ['apps', 'libs', 'test', 'bench', 'scripts'];
const IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@chipwatch\/([a-z-]+)'/g;
const EXPORT_FROM = /export\s+(type\s+)?\{([^}]*)\}\s+from\s+'@chipwatch\/([a-z-]+)'/g;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') found.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts')) found.push(path);
  }
  return found;
}

/** Names each file outside lib X imports from `@chipwatch/X`, by lib. */
function importedNames(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const file of CONSUMER_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    const own = /^libs\/([a-z-]+)\//.exec(relative(ROOT, file))?.[1];
    for (const pattern of [IMPORT, EXPORT_FROM]) {
      for (const match of text.matchAll(pattern)) {
        const lib = match[3];
        if (lib === own) continue;
        const names = used.get(lib) ?? new Set<string>();
        for (const part of match[2].split(',')) {
          const name = part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0]
            .trim();
          if (name) names.add(name);
        }
        used.set(lib, names);
      }
    }
  }
  return used;
}

export interface LibExport {
  name: string;
  /** The file that declares it, relative to the lib's src/. */
  module: string;
  /** Declared only as a type (interface, type alias): exported with `export type`. */
  typeOnly: boolean;
  /** Tagged `@public` in its doc comment: part of the surface though nothing imports it by name (an interface others augment). */
  tagged: boolean;
}

/**
 * The lib's own file a name comes from: where it is declared, or, for a name the lib re-exports
 * from a package (pino's `Logger`), the lib file that re-exports it, never a path into node_modules.
 */
function declaringModule(exported: ts.Symbol, checker: ts.TypeChecker, src: string): string {
  let module = '';
  for (let current: ts.Symbol | undefined = exported; current;) {
    const file = current.declarations?.[0]?.getSourceFile().fileName;
    if (file?.startsWith(`${src}/`) && !file.endsWith('/index.ts')) module = file;
    if (!(current.flags & ts.SymbolFlags.Alias)) break;
    current = checker.getImmediateAliasedSymbol(current);
  }
  return module;
}

/** Names exported by each lib's index, as the compiler resolves `export *`. */
export function exportedNames(libs: readonly string[]): Map<string, LibExport[]> {
  const indexes = libs.map((lib) => join(ROOT, 'libs', lib, 'src', 'index.ts'));
  const options = projectCompilerOptions();
  const program = ts.createProgram(indexes, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const exported = new Map<string, LibExport[]>();
  for (const [i, lib] of libs.entries()) {
    const source = program.getSourceFile(indexes[i]);
    const symbol = source && checker.getSymbolAtLocation(source);
    const src = join(ROOT, 'libs', lib, 'src');
    exported.set(
      lib,
      (symbol ? checker.getExportsOfModule(symbol) : []).map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const typeOnly = (target.flags & ts.SymbolFlags.Value) === 0;
        const tagged = target.getJsDocTags(checker).some((tag) => tag.name === 'public');
        return {
          name: s.name,
          module: relative(src, declaringModule(s, checker, src)).replace(/\.ts$/, ''),
          typeOnly,
          tagged,
        };
      }),
    );
  }
  return exported;
}

/** Each lib's exports, split into what belongs on its surface and what nothing outside it uses. */
function surfaces(): Map<string, { keep: LibExport[]; idle: LibExport[] }> {
  const libs = readdirSync(join(ROOT, 'libs')).sort();
  const used = importedNames();
  const result = new Map<string, { keep: LibExport[]; idle: LibExport[] }>();
  for (const [lib, exports] of exportedNames(libs)) {
    // A lib's event contracts (types, type lists, guards, stream ids) are public whoever uses them today.
    const public_ = (e: LibExport) => e.tagged || e.module.endsWith('.events') || used.get(lib)?.has(e.name) === true;
    result.set(lib, { keep: exports.filter(public_), idle: exports.filter((e) => !public_(e)) });
  }
  return result;
}

/** Lib → exported names nobody outside the lib imports. */
export function unusedLibExports(): Map<string, string[]> {
  const unused = new Map<string, string[]>();
  for (const [lib, { idle }] of surfaces()) if (idle.length > 0) unused.set(lib, idle.map((e) => e.name).sort());
  return unused;
}

/** An index that exports exactly `keep`, one line per module, in module order. */
function renderIndex(keep: readonly LibExport[]): string {
  const byModule = new Map<string, LibExport[]>();
  for (const e of keep) byModule.set(e.module, [...(byModule.get(e.module) ?? []), e]);
  const lines = [...byModule.keys()].sort().map((module) => {
    const names = byModule.get(module)!.sort((a, b) => a.name.localeCompare(b.name));
    const allTypes = names.every((e) => e.typeOnly);
    const list = names.map((e) => (e.typeOnly && !allTypes ? `type ${e.name}` : e.name)).join(', ');
    return `export ${allTypes ? 'type ' : ''}{ ${list} } from './${module}';`;
  });
  return lines.join('\n') + '\n';
}

if (require.main === module && process.argv.includes('--write')) {
  for (const [lib, { keep, idle }] of surfaces()) {
    if (idle.length === 0) continue;
    writeFileSync(join(ROOT, 'libs', lib, 'src', 'index.ts'), renderIndex(keep));
    process.stdout.write(`libs/${lib}/src/index.ts: ${keep.length} exports, ${idle.length} dropped\n`);
  }
} else if (require.main === module) {
  const unused = unusedLibExports();
  for (const [lib, names] of unused) process.stdout.write(`${lib} (${names.length}): ${names.join(', ')}\n`);
  process.exit(unused.size > 0 ? 1 : 0);
}
