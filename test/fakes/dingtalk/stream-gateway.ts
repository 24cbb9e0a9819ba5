import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isRecord } from './http-kit.js';
import { EVENT_HEADERS, RECORDED_CALLBACK_FRAMES, parseAck, subscribes } from './stream-frames.js';
import { TicketBook, type Ticket } from './tickets.js';
import type {
  AckRecord,
  ConnectionInfo,
  DownstreamFrame,
  FrameType,
  PushedFrame,
  PushOptions,
  PushTarget,
  RejectedConnection,
  Subscription,
} from './types.js';
import { Waiters } from './waiters.js';

interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
  closeTimer: NodeJS.Timeout | undefined;
}

export interface StreamGatewayConfig {
  appId: string;
  now: () => number;
  disconnectCloseDelayMs: number;
  eventRedeliveryDelayMs: number;
  eventMaxRedeliveries: number;
  /** Lets the platform act on a client's answer (a card-callback ACK updates the card, §4.2); returns a problem. */
  onAck: (ack: AckRecord, push: PushedFrame | undefined) => string | undefined;
}

/** The Stream side of the platform: tickets, WebSocket connections, downstream frames and ACKs. */
export class StreamGateway {
  private readonly waiters = new Waiters();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets: TicketBook;
  private readonly connectionList: Connection[] = [];
  private readonly pushLog: PushedFrame[] = [];
  private readonly ackLog: AckRecord[] = [];
  private readonly rejectedLog: RejectedConnection[] = [];
  private readonly redeliveryTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly config: StreamGatewayConfig) {
    this.tickets = new TicketBook(config.now);
  }

  issueTicket(subscriptions: Subscription[], ua: string): string {
    return this.tickets.issue(subscriptions, ua);
  }

  /** UNCONFIRMED how the real server refuses a bad ticket; an HTTP 401 on the upgrade is the plausible guess. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticketValue = url.searchParams.get('ticket') ?? undefined;
    const ticket = url.pathname === '/connect' ? this.tickets.admit(ticketValue) : 'wrong path';
    if (typeof ticket === 'string') {
      this.rejectedLog.push({ ticket: ticketValue, reason: ticket, at: this.config.now() });
      const status = ticket === 'wrong path' ? 404 : 401;
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      this.waiters.notify();
      return;
    }
    ticket.used = true;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.register(ws, ticket));
  }

  push(
    type: FrameType,
    topic: string,
    data: unknown,
    options: PushOptions = {},
    extra: Record<string, string> = {},
  ): PushedFrame {
    const connection = this.pickConnection(type, topic, options.connectionId);
    return this.deliver(
      connection,
      options.messageId ?? randomUUID(),
      type,
      topic,
      JSON.stringify(data),
      extra,
    );
  }

  /** §2.5: the same messageId again, possibly on another connection. */
  redeliver(messageId: string, target: PushTarget = {}): PushedFrame {
    const original = this.pushLog.find((p) => p.messageId === messageId);
    if (original === undefined)
      throw new Error(`fake DingTalk: nothing was pushed with messageId ${messageId}`);
    const connection = this.pickConnection(original.type, original.topic, target.connectionId);
    const extra = Object.fromEntries(
      Object.entries(original.frame.headers).filter(([key]) => EVENT_HEADERS.includes(key)),
    );
    return this.deliver(connection, messageId, original.type, original.topic, original.frame.data, extra);
  }

  sendPing(target: PushTarget = {}): PushedFrame {
    const connection = this.systemTarget(target.connectionId);
    return this.deliver(connection, randomUUID(), 'SYSTEM', 'ping', JSON.stringify({ opaque: randomUUID() }));
  }

  /** §2.4: the client must not answer; the server closes the socket some seconds later to rebalance. */
  sendSystemDisconnect(reason: string, target: PushTarget = {}): PushedFrame {
    const connection = this.systemTarget(target.connectionId);
    const pushed = this.deliver(connection, randomUUID(), 'SYSTEM', 'disconnect', JSON.stringify({ reason }));
    connection.info.state = 'draining';
    connection.info.disconnectSentAt = this.config.now();
    connection.closeTimer = setTimeout(() => {
      connection.info.closedBy ??= 'server';
      connection.socket.close(1000, 'disconnect');
    }, this.config.disconnectCloseDelayMs);
    return pushed;
  }

  /** A network failure: the socket is cut without a close handshake. */
  dropConnection(target: PushTarget = {}): ConnectionInfo {
    const connection = this.systemTarget(target.connectionId);
    connection.info.closedBy ??= 'server';
    connection.socket.terminate();
    return { ...connection.info };
  }

  connections(): ConnectionInfo[] {
    return this.connectionList.map((c) => ({ ...c.info, subscriptions: [...c.info.subscriptions] }));
  }

  pushes(): PushedFrame[] {
    return [...this.pushLog];
  }

  acks(): AckRecord[] {
    return [...this.ackLog];
  }

  rejectedConnections(): RejectedConnection[] {
    return [...this.rejectedLog];
  }

  /** Resolves with the nth connection ever opened (1-based). */
  waitForConnection(nth: number, timeoutMs: number): Promise<ConnectionInfo> {
    return this.waiters.waitFor(() => this.connections()[nth - 1], timeoutMs, `Stream connection #${nth}`);
  }

  waitForClose(connectionId: string, timeoutMs: number): Promise<ConnectionInfo> {
    const probe = (): ConnectionInfo | undefined =>
      this.connections().find((c) => c.id === connectionId && c.state === 'closed');
    return this.waiters.waitFor(probe, timeoutMs, `connection ${connectionId} to close`);
  }

  /** The first ACK for a messageId (a redelivered message can be ACKed more than once: see `acks()`). */
  waitForAck(messageId: string, timeoutMs: number): Promise<AckRecord> {
    const probe = (): AckRecord | undefined => this.ackLog.find((a) => a.messageId === messageId);
    return this.waiters.waitFor(probe, timeoutMs, `an ACK for ${messageId}`);
  }

  close(): void {
    for (const timer of this.redeliveryTimers.values()) clearTimeout(timer);
    this.redeliveryTimers.clear();
    for (const connection of this.connectionList) {
      clearTimeout(connection.closeTimer);
      if (connection.info.state === 'closed') continue;
      connection.info.closedBy ??= 'server';
      connection.socket.terminate();
    }
    this.wss.close();
    this.waiters.abortAll('the fake was closed');
  }

  private register(socket: WebSocket, ticket: Ticket): void {
    const connection: Connection = {
      info: {
        id: randomUUID(),
        ticket: ticket.value,
        subscriptions: ticket.subscriptions,
        ua: ticket.ua,
        state: 'open',
        openedAt: this.config.now(),
      },
      socket,
      closeTimer: undefined,
    };
    this.connectionList.push(connection);
    socket.on('message', (data) => this.receive(connection, data));
    socket.on('close', () => this.markClosed(connection));
    // A client vanishing mid-frame surfaces as an error; the close that follows records it.
    socket.on('error', () => socket.terminate());
    this.waiters.notify();
  }

  private markClosed(connection: Connection): void {
    clearTimeout(connection.closeTimer);
    connection.info.state = 'closed';
    connection.info.closedAt = this.config.now();
    connection.info.closedBy ??= 'client';
    this.waiters.notify();
  }

  private receive(connection: Connection, raw: RawData): void {
    const ack = parseAck(raw, connection.info.id, this.config.now());
    const push = this.lastPush(ack.messageId);
    const problem = this.config.onAck(ack, push);
    if (problem !== undefined) ack.problem = problem;
    this.ackLog.push(ack);
    if (push?.type === 'EVENT') this.settleEvent(push, ack);
    this.waiters.notify();
  }

  /** §2.4/§2.5: only `{"status":"SUCCESS"}` settles an event; LATER (and, UNCONFIRMED, an empty answer) asks again. */
  private settleEvent(push: PushedFrame, ack: AckRecord): void {
    this.cancelRedelivery(push.messageId);
    const status = isRecord(ack.data) ? ack.data.status : undefined;
    if (status !== 'SUCCESS') this.armRedelivery(push);
  }

  private armRedelivery(push: PushedFrame): void {
    if (push.delivery > this.config.eventMaxRedeliveries) return;
    this.cancelRedelivery(push.messageId);
    const timer = setTimeout(() => {
      this.redeliveryTimers.delete(push.messageId);
      try {
        this.redeliver(push.messageId);
      } catch {
        this.armRedelivery(push); // no connection right now: the platform keeps the event and tries later
      }
    }, this.config.eventRedeliveryDelayMs);
    this.redeliveryTimers.set(push.messageId, timer);
  }

  private cancelRedelivery(messageId: string): void {
    clearTimeout(this.redeliveryTimers.get(messageId));
    this.redeliveryTimers.delete(messageId);
  }

  private deliver(
    connection: Connection,
    messageId: string,
    type: FrameType,
    topic: string,
    data: string,
    extra: Record<string, string> = {},
  ): PushedFrame {
    const at = this.config.now();
    const base = { topic, messageId, contentType: 'application/json', time: String(at) };
    const recorded = type === 'CALLBACK' ? RECORDED_CALLBACK_FRAMES[topic] : undefined;
    // §2.3: appId and connectionId are documented on callbacks; SYSTEM frames carry only the basics.
    const headers =
      type === 'SYSTEM'
        ? base
        : {
            ...recorded?.headers,
            ...base,
            appId: this.config.appId,
            connectionId: connection.info.id,
            ...extra,
          };
    const frame: DownstreamFrame = { specVersion: recorded?.specVersion ?? '1.0', type, headers, data };
    connection.socket.send(JSON.stringify(frame));
    const delivery = this.pushLog.filter((p) => p.messageId === messageId).length + 1;
    const pushed: PushedFrame = {
      messageId,
      type,
      topic,
      connectionId: connection.info.id,
      delivery,
      frame,
      pushedAt: at,
    };
    this.pushLog.push(pushed);
    if (type === 'EVENT') this.armRedelivery(pushed);
    return pushed;
  }

  private lastPush(messageId: string | undefined): PushedFrame | undefined {
    return messageId === undefined ? undefined : this.pushLog.findLast((p) => p.messageId === messageId);
  }

  private pickConnection(type: FrameType, topic: string, connectionId: string | undefined): Connection {
    const live = this.connectionList.filter(
      (c) => c.info.state !== 'closed' && subscribes(c.info.subscriptions, type, topic),
    );
    if (connectionId !== undefined) {
      const chosen = live.find((c) => c.info.id === connectionId);
      if (chosen === undefined)
        throw new Error(
          `fake DingTalk: connection ${connectionId} is not open or not subscribed to ${topic}`,
        );
      return chosen;
    }
    // ASSUMPTION: a connection told to disconnect (§2.4) gets pushes only when nothing fresher is there.
    const fresh = live.filter((c) => c.info.state === 'open');
    const pool = fresh.length > 0 ? fresh : live;
    // §2.2: with several connections the platform picks one at random.
    const picked = pool[Math.floor(Math.random() * pool.length)];
    if (picked === undefined)
      throw new Error(`fake DingTalk: no open Stream connection subscribed to ${type} ${topic}`);
    return picked;
  }

  /** SYSTEM frames go to the named connection, else the newest one still open. */
  private systemTarget(connectionId: string | undefined): Connection {
    const live = this.connectionList.filter((c) => c.info.state !== 'closed');
    const picked = connectionId === undefined ? live.at(-1) : live.find((c) => c.info.id === connectionId);
    if (picked === undefined)
      throw new Error(`fake DingTalk: no open Stream connection ${connectionId ?? ''}`);
    return picked;
  }
}
