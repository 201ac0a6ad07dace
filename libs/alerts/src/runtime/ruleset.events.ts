import { eventTypesOf, type Event } from '@chipwatch/event-store';

/** Stream `ruleset`: every rules.yaml version that became active, and every edit refused. */
export type RuleSetActivated = Event<'RuleSetActivated', { hash: string; ruleIds: string[]; source: string }>;

export type RuleSetRejected = Event<'RuleSetRejected', { file: string; line: number; column: number; key: string; message: string }>;

export type RuleSetEvent = RuleSetActivated | RuleSetRejected;

export const RULESET_EVENT_TYPES = eventTypesOf<RuleSetEvent>({ RuleSetActivated: true, RuleSetRejected: true });

export const RULESET_STREAM = 'ruleset';
