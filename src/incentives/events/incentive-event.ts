import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../../config/factory-config.js';
import type { FieldValue } from '../rules/expression.js';
import type { TriggerName } from '../rules/triggers.js';

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
 * Reads one trigger's events from the records the work-order loop (or a later module) already
 * keeps, so no service has to publish anything. Events are found by their time.
 */
export interface EventSource {
  trigger: TriggerName;
  /**
   * How long after an event's time it may first be read: a shift is judged a few minutes after
   * it ends, so a report tapped at 19:59:59 and committed a moment later still counts.
   */
  settleMs: number;
  /** The events whose time is in (from, to]. */
  read(em: EntityManager, from: Date, to: Date, context: EventContext): Promise<IncentiveEvent[]>;
  /** The events of these records (report or task ids), for sources paid as they commit. */
  readIds?(em: EntityManager, ids: number[], context: EventContext): Promise<IncentiveEvent[]>;
}

/** Which rows of a source's table: those stamped within (from, to], or those with these ids. */
export type RowFilter = { from: Date; to: Date } | { ids: number[] };

/** A source whose events are rows of one table, read by time for the job and by id at commit. */
export function rowSource(
  trigger: TriggerName,
  events: (em: EntityManager, rows: RowFilter, context: EventContext) => Promise<IncentiveEvent[]>,
): EventSource {
  return {
    trigger,
    settleMs: 0,
    read: (em, from, to, context) => events(em, { from, to }, context),
    readIds: (em, ids, context) => events(em, { ids }, context),
  };
}
