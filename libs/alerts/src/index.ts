export { decide, evolve, initialAlertState } from './alert-evaluation';
export {
  ALERT_EVENT_TYPES,
  ALERT_STREAM_PREFIX,
  type AlertClusterGrew,
  type AlertEvent,
  alertEventId,
  type AlertRaised,
  type AlertStreamEvent,
  alertStreamId,
  isAlertEvent,
} from './alert.events';
export { AlertsModule } from './alerts.module';
export { backtest, type BacktestReport } from './backtest';
export {
  type AlertUpdate,
  isNotificationEvent,
  NOTIFICATION_EVENT_TYPES,
  type NotificationDelivered,
  type NotificationEvent,
  type NotificationFailed,
} from './notification.events';
export { matchRules } from './rule-matching';
export { parseRules, type Rule, type RuleSet } from './rules.schema';
export { AlertEvaluator } from './runtime/alert-evaluator';
export { alertProjection, type AlertView } from './runtime/alert.projection';
export { type AlertPage, listAlerts, readAlert } from './runtime/alert.queries';
export { runBacktest } from './runtime/backtest.service';
export { RuleBook } from './runtime/rule-book';
export {
  RULESET_EVENT_TYPES,
  RULESET_STREAM,
  type RuleSetActivated,
  type RuleSetEvent,
  type RuleSetRejected,
} from './runtime/ruleset.events';
export { SEVERITIES, type Severity, severityRank } from './severity';
