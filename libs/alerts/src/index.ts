export {
  parseRules,
  parseThrottle,
  ruleHash,
  ruleSetOf,
  rulesFileSchema,
  foldName,
  MIN_THROTTLE_MS,
  MAX_THROTTLE_MS,
} from './rules.schema';
export type { Rule, RuleConditions, RuleSet, RulesSchemaOptions } from './rules.schema';
export { SEVERITIES, severityRank, type Severity } from './severity';
export { matchRule, matchRules } from './rule-matching';
export type { AlertEvidence, MatchableStory, RuleMatch } from './rule-matching';
export { ClusterIndex, ClusteringError, DEFAULT_CLUSTER_WINDOW_MS, DEFAULT_MIN_SIMILARITY } from './story-clustering';
export type { ClusterableStory, ClusterIndexOptions, ClusterIndexSnapshot } from './story-clustering';
export { normaliseTitle, titleSimilarity } from './title-matching';
export { alertId, throttleWindowKey, throttleWindowStart } from './alert-id';
export { ALERT_EVENT_TYPES, ALERT_STREAM_PREFIX, alertEventId, alertStreamId, isAlertEvent } from './alert.events';
export type { AlertClusterGrew, AlertEvent, AlertRaised, AlertStreamEvent } from './alert.events';
export {
  NOTIFICATION_EVENT_TYPES,
  isNotificationEvent,
  type NotificationDelivered,
  type NotificationEvent,
  type NotificationFailed,
} from './notification.events';
export { alertKey, decide, evolve, initialAlertState, restoreAlertState, snapshotAlertState } from './alert-evaluation';
export type {
  AlertDecision,
  AlertEvaluatorEvent,
  AlertEvaluatorState,
  AlertLedger,
  AlertStateSnapshot,
  ClassifiedStory,
} from './alert-evaluation';
export { backtest, BacktestInputError } from './backtest';
export type { BacktestDiff, BacktestInput, BacktestReport, BacktestSample, BacktestStory, RuleBacktest } from './backtest';
export { RuleBook, type ActiveRules, type RuleBookHooks } from './runtime/rule-book';
export { RULESET_EVENT_TYPES, RULESET_STREAM, type RuleSetActivated, type RuleSetEvent, type RuleSetRejected } from './runtime/ruleset.events';
export { AlertEvaluator } from './runtime/alert-evaluator';
export { ALERT_EVALUATOR_COLLECTION } from './runtime/alert-state.documents';
export { ALERTS_COLLECTION, alertProjection, evolveAlert, type AlertDelivery, type AlertView } from './runtime/alert.projection';
export { AlertsModule } from './alerts.module';
export { loadClassifiedHistory } from './runtime/classified-history';
export { runBacktest, type BacktestRequest } from './runtime/backtest.service';
export { listAlerts, type AlertFilters, type AlertPage } from './runtime/alert.queries';
export { clusterStories } from './offline-clustering';
export type { OfflineStory, OfflineVerdict } from './offline-clustering';
export { evaluateClustering, parseLabelledClusterJsonl } from './cluster-evaluation';
export type { ClusterMetrics } from './cluster-evaluation';
