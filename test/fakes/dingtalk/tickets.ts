import { randomBytes } from 'node:crypto';
import type { RejectedConnection, Subscription } from './types.js';

/** §2.1: a ticket opens one connection, within 90 s of being issued. */
const TICKET_TTL_MS = 90_000;

export interface Ticket {
  value: string;
  subscriptions: Subscription[];
  ua: string;
  issuedAt: number;
  used: boolean;
}

/** The gateway's tickets (§2.1): each names the subscriptions of the connection it will open. */
export class TicketBook {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number) {}

  issue(subscriptions: Subscription[], ua: string): string {
    // Hex keeps it URL-safe: the Node SDK appends the ticket to the endpoint unencoded (§2.2).
    const value = randomBytes(16).toString('hex');
    this.tickets.set(value, { value, subscriptions, ua, issuedAt: this.now(), used: false });
    return value;
  }

  /** The ticket if it may open a connection now, else why not. */
  admit(value: string | undefined): Ticket | RejectedConnection['reason'] {
    if (value === undefined) return 'missing';
    const ticket = this.tickets.get(value);
    if (ticket === undefined) return 'unknown';
    if (ticket.used) return 'used';
    if (this.now() - ticket.issuedAt >= TICKET_TTL_MS) return 'expired';
    return ticket;
  }
}
