import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import type { OutsourcingStateChange } from './state-change.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /**
     * An outsourcing order was created or changed state (sent, back, QC…); `change` is the row of
     * its history that records it (`fromState` null on the creation).
     */
    'outsourcing.state_changed': { order: OutsourcingOrder; change: OutsourcingStateChange };
  }
}

export const outsourcingEvents = ['outsourcing.state_changed'] as const;
