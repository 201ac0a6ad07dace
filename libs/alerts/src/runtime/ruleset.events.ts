/** Stream `ruleset`: every rules.yaml version that became active, and every edit refused. */
export type RuleSetActivated = {
  type: 'RuleSetActivated';
  data: { hash: string; ruleIds: string[]; source: string };
};

export type RuleSetRejected = {
  type: 'RuleSetRejected';
  data: { file: string; line: number; column: number; key: string; message: string };
};

export type RuleSetEvent = RuleSetActivated | RuleSetRejected;

export const RULESET_STREAM = 'ruleset';
