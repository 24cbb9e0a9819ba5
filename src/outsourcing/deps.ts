import type { EntityManager } from '@mikro-orm/core';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { FactoryConfig } from '../config/factory-config.js';
import type { Clock } from '../shared/clock.js';

/** What the outsourcing services need, whoever calls them (chat, API, partner page, job). */
export interface OutsourcingDeps {
  em: EntityManager;
  clock: Clock;
  outbox: Outbox;
  config: FactoryConfig;
  /** The factory time zone: ship dates, expected return days, how times are shown. */
  tz: string;
}

/**
 * Who changes an order: a person in chat, a partner through their link (the contact the link
 * was made for, if any), or the ERP (no person). Recorded in the state history.
 */
export interface Changer {
  personId: string | null;
  /** For pushes: `陈师傅（华美电镀）`, `ERP`. */
  name: string;
  channel: string;
  at: Date;
  /** Set when the change comes from the partner side: the coordinator is told. */
  partnerSide: boolean;
}
