import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The repository root, for the scripts that read its sources with the TypeScript compiler. */
export const ROOT = join(__dirname, '..');

/** The compiler options of the root tsconfig.json (path aliases included), as `tsc` reads them. */
export function projectCompilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => readFileSync(path, 'utf8')) as { config: unknown };
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
}
