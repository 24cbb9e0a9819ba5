import type { Services } from '../services.js';
import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { text } from '../chat/outbound.js';
import { NoLongerDue, once } from '../db/once.js';
import { Person } from '../people/person.entity.js';
import type { Logger } from '../shared/logger.js';
import { outsourcingMessages as m, duration, type OrderLine } from './messages.js';
import { coordinatorsOf, hasChatIdentity, pushTo, supervisorIds } from './notifications.js';
import { orderLine } from './order-view.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingReminder, type ReminderKind } from './reminder.entity.js';
import { statesOf } from './states.js';
import { dueReminders, type DueReminder } from '../shared/reminder-cadence.js';

const HOUR = 3_600_000;

export interface ScanDeps extends Omit<Services, 'em'> {
  /** A fork to read with; each reminder is written in its own transaction on a fork of it. */
  em: EntityManager;
  logger: Logger;
  /** Whether an SMS provider is configured: contacts without chat are then texted. */
  smsEnabled: boolean;
}

export interface ScanOutcome {
  /** Open orders past or near their expected return. */
  candidates: number;
  written: number;
  /** Reminders another scan (another server) wrote first. */
  lostRaces: number;
  /** Reminders left for the next scan because the database stayed locked by another writer. */
  deferred: number;
}

/**
 * One pass of the reminder job. Reads the candidates through the (state, expected return)
 * index, subtracts what was already recorded, and writes each missing reminder together
 * with its chat messages in one transaction. The reminder's unique key makes a concurrent
 * scan fail instead of sending twice.
 */
export async function scanReminders(deps: ScanDeps): Promise<ScanOutcome> {
  const { em, config, clock } = deps;
  const now = clock.now();
  const states = statesOf(config.outsourcing);
  const horizon = new Date(now.getTime() + config.reminders.warnHours * HOUR);
  const candidates = await em.find(
    OutsourcingOrder,
    { state: { $in: states.awaitingReturn }, expectedReturnAt: { $lte: horizon } },
    { fields: ['id', 'expectedReturnAt'], orderBy: { expectedReturnAt: 'asc' } },
  );
  const recorded = await recordedSlots(
    em,
    candidates.map((c) => c.id),
  );
  const outcome: ScanOutcome = { candidates: candidates.length, written: 0, lostRaces: 0, deferred: 0 };
  for (const candidate of candidates) {
    const dueKey = candidate.expectedReturnAt.toISOString();
    for (const due of dueReminders(candidate.expectedReturnAt, now, config.reminders)) {
      const last = recorded.get(`${candidate.id}:${due.kind}:${dueKey}`);
      if (last !== undefined && last >= due.slot) continue;
      const result = await once(em, (tx) => writeReminder({ ...deps, em: tx }, candidate.id, dueKey, due));
      if (result === 'written') outcome.written += 1;
      if (result === 'lost') outcome.lostRaces += 1;
      if (result === 'busy') outcome.deferred += 1;
    }
  }
  if (outcome.written + outcome.lostRaces + outcome.deferred > 0)
    deps.logger.info(outcome, 'outsourcing reminders written');
  return outcome;
}

/** The highest slot recorded per (order, kind, expected return), read in chunks through the unique index. */
async function recordedSlots(em: EntityManager, orderIds: number[]): Promise<Map<string, number>> {
  const slots = new Map<string, number>();
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const sql = em as SqlEntityManager;
  for (let i = 0; i < orderIds.length; i += 1000) {
    const rows = (await sql
      .createQueryBuilder(OutsourcingReminder, 'r')
      .select(['r.order', 'r.kind', 'r.dueKey'])
      .addSelect(raw('max(r.slot) as max_slot'))
      .where({ order: { $in: orderIds.slice(i, i + 1000) } })
      .groupBy(['r.order', 'r.kind', 'r.dueKey'])
      .execute('all', false)) as Array<Record<string, unknown>>;
    for (const row of rows) {
      slots.set(`${String(row.order_id)}:${String(row.kind)}:${String(row.due_key)}`, Number(row.max_slot));
    }
  }
  return slots;
}

async function writeReminder(
  deps: ScanDeps,
  orderId: number,
  dueKey: string,
  due: DueReminder,
): Promise<void> {
  const { em, config, clock, tz } = deps;
  const states = statesOf(config.outsourcing);
  const now = clock.now();
  // The claim is the transaction's first statement: a concurrent scan collides with it at
  // once, and on SQLite a transaction that writes before it reads cannot deadlock another.
  const claim = em.create(OutsourcingReminder, {
    order: em.getReference(OutsourcingOrder, orderId),
    kind: due.kind,
    dueKey,
    slot: due.slot,
    recipients: [],
    createdAt: now,
  });
  await em.flush();
  const order = await em.findOne(OutsourcingOrder, orderId, { populate: ['partner', 'contact'] });
  // Returned or rescheduled since the scan read it: this reminder no longer applies.
  if (!order || states.isBack(order.state) || order.expectedReturnAt.toISOString() !== dueKey) {
    throw new NoLongerDue();
  }
  const line = await orderLine(em, order, states, { tz, now });
  const late = duration(now.getTime() - order.expectedReturnAt.getTime());
  const route = await routeOf(deps, order, due.kind);
  Object.assign(claim, {
    recipients: route.chat,
    smsPhone: route.sms ?? null,
    smsStatus: route.sms ? 'pending' : null,
    smsText: route.sms ? smsTextOf(due.kind, line, now, order.expectedReturnAt) : null,
    smsParams: route.sms ? { number: line.number, product: line.productCode, due: line.due, late } : null,
  });
  const content = text(contentOf(due, line, now, order.expectedReturnAt, route, order.contact?.name));
  await pushTo(
    deps,
    route.chat,
    content,
    (personId) => `osr:${order.id}:${due.kind}:${dueKey}:${due.slot}:${personId}`,
  );
}

interface Route {
  /** People reached in chat. */
  chat: string[];
  /** The contact's phone, when they have no chat account and SMS is configured. */
  sms?: string;
  /** True when the contact could not be reached and the coordinators are told instead. */
  fallback: boolean;
}

async function routeOf(deps: ScanDeps, order: OutsourcingOrder, kind: ReminderKind): Promise<Route> {
  if (kind === 'coordinator') return { chat: await coordinatorsOf(deps, order), fallback: false };
  if (kind === 'supervisor') return { chat: await supervisorIds(deps), fallback: false };
  const contact = order.contact
    ? await deps.em.findOne(Person, { id: order.contact.id, active: true })
    : null;
  if (contact && (await hasChatIdentity(deps, contact.id))) return { chat: [contact.id], fallback: false };
  if (contact?.phone && deps.smsEnabled) return { chat: [], sms: contact.phone, fallback: false };
  // Nobody at the partner can be reached: whoever follows the order up hears the overdue ones instead.
  return { chat: kind === 'overdue' ? await coordinatorsOf(deps, order) : [], fallback: true };
}

function contentOf(
  due: DueReminder,
  line: OrderLine,
  now: Date,
  expected: Date,
  route: Route,
  contactName: string | undefined,
): string {
  const late = duration(now.getTime() - expected.getTime());
  switch (due.kind) {
    case 'warn':
      return m.warn(line, duration(expected.getTime() - now.getTime()));
    case 'overdue':
      return route.fallback
        ? m.escalation(line, late, contactName ?? m.noContact, 'coordinator')
        : m.overdue(line, late, due.slot);
    case 'coordinator':
    case 'supervisor':
      return m.escalation(line, late, contactName ?? m.noContact, due.kind);
  }
}

function smsTextOf(kind: ReminderKind, line: OrderLine, now: Date, expected: Date): string {
  return kind === 'warn'
    ? m.smsWarn(line, duration(expected.getTime() - now.getTime()))
    : m.smsOverdue(line, duration(now.getTime() - expected.getTime()));
}
