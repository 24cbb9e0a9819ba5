import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';

/** The type of an event field a rule's condition may compare. */
export type FieldType = 'number' | 'string';
export type FieldValue = number | string;

/** One field of a trigger's events: its type for the condition check, its words for 规则. */
export interface TriggerField {
  type: FieldType;
  /** Chinese, as 规则 reads a condition back to workers: 合格数, 班次… */
  label: string;
}

/** Something that happened which rules may pay points for, read back from the source tables. */
export interface IncentiveEvent {
  /** Unique per event across all triggers, e.g. `work_report:123`: the ledger's idempotency key. */
  key: string;
  personId: string;
  /** Decides the day and week the points count in. */
  occurredAt: Date;
  /** What a rule's condition reads; a field may be absent (see the trigger's documentation). */
  fields: Record<string, FieldValue>;
}

export interface EventContext {
  config: FactoryConfig;
  tz: string;
}

/**
 * Something a capability offers to pay points for (`on:` of a factory.yaml incentive rule). It
 * reads its events back from the records the capability already keeps, so no service has to
 * publish anything for points; incentives pays whatever triggers the app's capabilities declare.
 */
export interface PointTrigger {
  /** Unique across capabilities: the `on:` of a rule and the prefix of its events' keys. */
  name: string;
  /** Chinese, what 规则 says the rule pays for: 每次报工, 维修验收… */
  label: string;
  /** The fields a rule's condition may read: the contract with factory.yaml. */
  fields: Readonly<Record<string, TriggerField>>;
  /**
   * How long after an event's time it may first be read: a shift is judged a few minutes after
   * it ends, so a report tapped at 19:59:59 and committed a moment later still counts.
   */
  settleMs: number;
  /** The events whose time is in (from, to]. */
  read(em: EntityManager, from: Date, to: Date, context: EventContext): Promise<IncentiveEvent[]>;
  /**
   * What 积分 says about an entry this trigger paid, from the fields it stored (Chinese, without
   * the rule's name); without it 积分 shows the rule's name alone.
   */
  explain?(details: Readonly<Record<string, unknown>>, occurredAt: Date, tz: string): string;
}
