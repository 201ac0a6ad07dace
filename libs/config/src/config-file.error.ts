/** One problem in a config file, located so an editor can jump to it. */
export interface ConfigIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path of the offending key, e.g. `rules.1.when.minScore`; empty for the whole file. */
  key: string;
  message: string;
}

/** A config file that cannot be used; `issues` names file, line, column and key of each problem. */
export class ConfigFileError extends Error {
  readonly code = 'invalid-config';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigFileError';
  }

  get file(): string {
    return this.issues[0]?.file ?? '';
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.key ? `${where}: ${issue.key}: ${issue.message}` : `${where}: ${issue.message}`;
}
