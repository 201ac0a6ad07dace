import type { EventStore } from '@chipwatch/event-store';
import { backtest, type BacktestReport } from '../backtest';
import { parseRules, type RuleSet } from '../rules.schema';
import { loadClassifiedHistory } from './classified-history';

export interface BacktestRequest {
  /** The candidate rules file's text. */
  rulesText: string;
  /** For error messages (file:line:column). */
  file: string;
  since?: string;
  until?: string;
}

/**
 * Replays classified history through candidate rules and diffs against the active ones.
 * Read-only: it appends nothing. Throws ConfigFileError for an invalid candidate.
 */
export async function runBacktest(store: EventStore, active: RuleSet, request: BacktestRequest): Promise<BacktestReport> {
  const candidate = parseRules(request.rulesText, request.file);
  const history = await loadClassifiedHistory(store, request.until);
  return backtest({ history, candidate, active, since: request.since, until: request.until });
}
