/** How much an alert matters, lowest first. One vocabulary for rules, alerts, subscriptions and payloads. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** 0 for `info` up to 4 for `critical`: compare severities by rank, never as strings. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
