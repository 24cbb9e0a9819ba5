/**
 * The WebSocket side of the fake (§11.2): connections, `aibot_subscribe` authentication, `ping`,
 * routing of the bot's commands to the reply desk, and downstream pushes.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CMD,
  ERRCODE,
  OK,
  encodeAck,
  encodePush,
  isJsonObject,
  newPushReqId,
  parseUpstream,
  rawDataToString,
  refuse,
  reqIdOf,
  type Verdict,
} from './protocol.js';
import type { ReplyDesk } from './reply-desk.js';
import type {
  ConnectionInfo,
  JsonObject,
  PushCmd,
  PushKind,
  PushedFrame,
  ReceivedFrame,
  RefusalRecord,
  UpstreamFrame,
} from './types.js';

interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
}

export interface GatewayConfig {
  botId: string;
  secret: string;
  now: () => number;
  replaceOlderConnections: boolean;
  desk: ReplyDesk;
  disconnectedEventBody: () => JsonObject;
  /** Called after every change of state, so waiters can re-probe. */
  onChange: () => void;
}

/** UNCONFIRMED close code after a refused subscribe; the SDK terminates the socket itself anyway. */
const CLOSE_AUTH_FAILED = 1008;
const CLOSE_REPLACED = 1000;

export class Gateway {
  readonly received: ReceivedFrame[] = [];
  readonly pushes: PushedFrame[] = [];
  readonly refusals: RefusalRecord[] = [];
  private readonly wss: WebSocketServer;
  private readonly connectionList: Connection[] = [];
  private ackPings = true;

  constructor(
    server: Server,
    private readonly config: GatewayConfig,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.register(socket));
  }

  connections(): ConnectionInfo[] {
    return this.connectionList.map((connection) => ({ ...connection.info }));
  }

  setPingAcks(enabled: boolean): void {
    this.ackPings = enabled;
  }

  push(cmd: PushCmd, kind: PushKind, body: JsonObject): PushedFrame {
    const frame = this.deliver(this.pushTarget(), cmd, kind, body);
    this.config.onChange();
    return frame;
  }

  /** Same req_id and body again; UNCONFIRMED that a real redelivery keeps the req_id. */
  redeliver(reqId: string): void {
    const frame = this.pushes.find((candidate) => candidate.reqId === reqId);
    if (frame === undefined) throw new Error(`fake WeCom bot: nothing was pushed with req_id ${reqId}`);
    const target = this.pushTarget();
    frame.connectionId = target.info.id;
    frame.pushedAt = this.config.now();
    frame.deliveries += 1;
    target.socket.send(encodePush(frame.cmd, frame.reqId, frame.body));
    this.config.onChange();
  }

  dropAll(): number {
    const open = this.connectionList.filter((connection) => connection.info.open);
    for (const connection of open) {
      // Marked at once: the socket's own 'close' event only follows on a later tick.
      connection.info.open = false;
      connection.info.closedAt = this.config.now();
      connection.socket.terminate();
    }
    this.config.onChange();
    return open.length;
  }

  async close(): Promise<void> {
    for (const connection of this.connectionList) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private register(socket: WebSocket): void {
    const info: ConnectionInfo = {
      id: this.connectionList.length + 1,
      openedAt: this.config.now(),
      open: true,
      authenticated: false,
    };
    const connection: Connection = { info, socket };
    this.connectionList.push(connection);
    socket.on('message', (data) => this.receive(connection, rawDataToString(data)));
    socket.on('close', () => {
      info.open = false;
      info.closedAt ??= this.config.now();
      this.config.onChange();
    });
    // Errors on a socket always end in 'close'; nothing else to do, but an unhandled 'error' would throw.
    socket.on('error', () => undefined);
    this.config.onChange();
  }

  private receive(connection: Connection, raw: string): void {
    const frame = parseUpstream(raw);
    this.received.push({ connectionId: connection.info.id, at: this.config.now(), raw, frame });
    const verdict = this.dispatch(connection, frame);
    if (verdict !== undefined) this.answer(connection, frame, verdict);
    this.config.onChange();
  }

  /** The ack to give, or undefined for none (a ping while ping acks are switched off). */
  private dispatch(connection: Connection, frame: UpstreamFrame | undefined): Verdict | undefined {
    if (frame === undefined) return refuse(ERRCODE.invalidParameter, 'frame is not a JSON object');
    const cmd = frame.cmd ?? '';
    if (cmd === CMD.subscribe) return this.subscribe(connection, frame.body);
    // UNCONFIRMED: what the real server does with commands before a successful subscribe.
    if (!connection.info.authenticated) return refuse(ERRCODE.notAuthenticated, 'send aibot_subscribe first');
    const reqId = reqIdOf(frame);
    const { desk } = this.config;
    switch (cmd) {
      case CMD.ping:
        return this.ackPings ? OK : undefined;
      case CMD.respondMsg:
      case CMD.respondWelcome:
      case CMD.respondUpdate:
        return desk.reply(cmd, reqId, frame.body, connection.info.id);
      case CMD.sendMsg:
        return desk.send(reqId, frame.body, connection.info.id);
      default:
        // Media upload (aibot_upload_media_*) is not modelled either.
        return refuse(ERRCODE.unknownCommand, `unknown cmd ${cmd}`);
    }
  }

  private subscribe(connection: Connection, body: unknown): Verdict {
    const fields = isJsonObject(body) ? body : {};
    const { secret, ...withoutSecret } = fields;
    connection.info.subscribe = withoutSecret;
    if (fields.bot_id !== this.config.botId || secret !== this.config.secret) {
      connection.info.authenticated = false;
      return refuse(ERRCODE.invalidCredentials, 'invalid bot_id or secret');
    }
    connection.info.authenticated = true;
    connection.info.authenticatedAt = this.config.now();
    if (this.config.replaceOlderConnections) this.replaceOlder(connection);
    return OK;
  }

  private answer(connection: Connection, frame: UpstreamFrame | undefined, verdict: Verdict): void {
    const reqId = reqIdOf(frame);
    connection.socket.send(encodeAck(reqId, verdict));
    if (verdict.errcode === ERRCODE.ok) return;
    const cmd = frame?.cmd ?? '';
    this.refusals.push({
      cmd,
      reqId,
      ...verdict,
      at: this.config.now(),
      connectionId: connection.info.id,
      body: frame?.body,
    });
    // The brief (§11.2 task): wrong credentials → error ack, then the server closes.
    if (cmd === CMD.subscribe) connection.socket.close(CLOSE_AUTH_FAILED, 'invalid bot_id or secret');
  }

  /**
   * The SDK's handling of `disconnected_event` says a newer connection pushes the older one out:
   * the server tells the old one, then closes it. The SDK does not reconnect after it.
   */
  private replaceOlder(newest: Connection): void {
    for (const older of this.connectionList) {
      if (older === newest || !older.info.open || !older.info.authenticated) continue;
      this.deliver(older, CMD.eventCallback, 'disconnected_event', this.config.disconnectedEventBody());
      older.socket.close(CLOSE_REPLACED, 'replaced by a newer connection');
    }
  }

  private deliver(target: Connection, cmd: PushCmd, kind: PushKind, body: JsonObject): PushedFrame {
    const frame: PushedFrame = {
      reqId: newPushReqId(),
      cmd,
      kind,
      body,
      connectionId: target.info.id,
      pushedAt: this.config.now(),
      deliveries: 1,
    };
    this.pushes.push(frame);
    target.socket.send(encodePush(cmd, frame.reqId, body));
    return frame;
  }

  private pushTarget(): Connection {
    const candidates = this.connectionList.filter((c) => c.info.open && c.info.authenticated);
    const newest = candidates.at(-1);
    if (newest === undefined) throw new Error('fake WeCom bot: no authenticated connection to push to');
    return newest;
  }
}
