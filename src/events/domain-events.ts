import type { Services } from '../services.js';

/**
 * Every domain event by name, with its payload. Each capability adds the events it emits from
 * its own `events.ts` (`declare module`). A payload holds the records as the emitter stored
 * them: a subscriber in the transaction works on them; one after commit reads them (their ids
 * are set by then) and loads anything else in its own unit of work.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents & string;

/**
 * Reacts to one event. `in_transaction` runs inside the emitter's unit of work: its writes
 * commit or roll back with the change (running hours, taking back points). `after_commit` runs
 * once the change is committed, in its own unit (paying points, notifying), and never undoes it.
 */
export interface Subscriber<N extends DomainEventName = DomainEventName> {
  event: N;
  phase: 'in_transaction' | 'after_commit';
  handle(payload: DomainEvents[N], unit: Services): Promise<void>;
}

/** Declares a subscriber with its payload type checked against the event's. */
export function subscribe<N extends DomainEventName>(subscriber: Subscriber<N>): Subscriber {
  return subscriber as unknown as Subscriber;
}

/** Publishes each event once, to the subscribers the capabilities declared, in their order. */
export class DomainEventBus {
  constructor(private readonly subscribers: readonly Subscriber[]) {}

  async publish<N extends DomainEventName>(
    unit: Omit<Services, 'events'>,
    event: N,
    payload: DomainEvents[N],
  ): Promise<void> {
    const own = { ...unit, events: this };
    for (const subscriber of this.subscribers) {
      if (subscriber.event !== event) continue;
      if (subscriber.phase === 'in_transaction') {
        await subscriber.handle(payload, own);
      } else {
        unit.afterCommit?.((services) => subscriber.handle(payload, { ...services, events: this }));
      }
    }
  }
}
