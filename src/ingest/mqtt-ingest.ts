import type { IPublishPacket, MqttClient } from 'mqtt';
import { unitOf, type AppServices } from '../app-services.js';
import type { LongConnection } from '../capabilities/capability.js';
import { ConnectionLeases, leaseHolderId } from '../db/leases/connection-leases.js';
import { LeasedConnection } from '../db/leases/leased-connection.js';
import { writeTransaction } from '../db/locking.js';
import { AppError } from '../shared/errors.js';
import type { MqttIngestConfig } from './config.js';
import { GatewayReading } from './gateway-reading.entity.js';
import { applyPending, storeReadings, type CountInput, type WeighingInput } from './ingest-service.js';
import { readingOf, topicMatches, UnreadableMessage } from './payload-mapping.js';

/** Pending readings applied in one transaction at most. */
const APPLY_BATCH = 500;
const RETRY_MS = 1000;

/** The MQTT subscription of factory.yaml `ingest.mqtt`, when there is one. */
export function mqttIngestConnections(services: AppServices): LongConnection[] {
  const config = services.config.ingest.mqtt;
  return config ? [new MqttIngest(services, config)] : [];
}

/** Messages stored in one transaction at most (and at most this many unacknowledged at the broker). */
const STORE_BATCH = 1000;

/**
 * Handed to mqtt.js instead of calling back plainly: it then sends no PUBACK and reads the next
 * message, and this class acknowledges the message itself once its reading is committed.
 */
const ACK_AFTER_COMMIT = new Error('acknowledged after the commit');

interface Received {
  packet: IPublishPacket;
  /** The connection it came on: an acknowledgement belongs to that one. */
  connection: number;
}

/**
 * Subscribes to the factory's broker at QoS 1 in a kept session (a fixed client id, no clean
 * start), so what the gateways publish while the bot is down waits at the broker. Messages
 * are stored as they come, many in one transaction (a device's sequence number already taken
 * is ignored: a redelivery or replay changes nothing), and each is acknowledged only once
 * that transaction has committed; one lost before that is sent again by the broker. The stored
 * readings are applied in batches beside the stream (a machine's counts of a batch make one
 * work report). mqtt.js reconnects by itself; what a stop left pending is applied at the next start.
 * Of several instances with one broker configuration, only the holder of a database lease connects.
 */
export class MqttIngest implements LongConnection {
  readonly name = 'mqtt-ingest';
  private readonly lease: LeasedConnection;
  private connectTo: typeof import('mqtt').connect | undefined;
  private client: MqttClient | undefined;
  private subscribed: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private stopping = false;
  private connection = 0;
  private received: Received[] = [];
  private storing: Promise<void> | undefined;
  private applying: Promise<void> | undefined;
  private applyAgain = false;

  constructor(
    private readonly services: AppServices,
    private readonly config: MqttIngestConfig,
  ) {
    const { orm, clock, logger, settings } = services;
    // Two instances with one client id would take the broker session from each other in turn.
    this.lease = new LeasedConnection({
      name: `mqtt:${this.clientId}`.slice(0, 64),
      holder: leaseHolderId(),
      leases: new ConnectionLeases(orm, clock),
      ttlMs: settings.connectionLeaseMs,
      clock,
      logger: logger.child({ connection: this.name }),
      open: () => this.open(),
      close: () => {
        this.closing = this.close();
      },
    });
  }

  private get clientId(): string {
    return this.config.clientId ?? 'shopfloor-bot';
  }

  async start(): Promise<void> {
    ({ connect: this.connectTo } = await import('mqtt'));
    await this.lease.start();
    // The holder waits a moment for its subscription: a first session would miss what comes before.
    // A broker that is down does not stop the app: mqtt.js keeps trying.
    if (this.subscribed)
      await Promise.race([this.subscribed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    this.nudge(); // what a previous run stored but did not apply
  }

  async stop(): Promise<void> {
    await this.lease.stop();
    await this.closing;
    await this.applying;
  }

  /** Connects for the lease holder; mqtt.js reconnects by itself until `close`. */
  private open(): void {
    const connect = this.connectTo;
    if (!connect) throw new Error('mqtt ingest opened before start');
    const { logger } = this.services;
    this.stopping = false;
    const client = connect(this.config.url, {
      clientId: this.clientId,
      protocolVersion: 5,
      clean: false,
      // A session kept for a day; the broker may send this many before one is acknowledged.
      properties: { sessionExpiryInterval: 86_400, receiveMaximum: STORE_BATCH },
      reconnectPeriod: RETRY_MS,
      connectTimeout: 10_000,
      ...(this.config.username === undefined ? {} : { username: this.config.username }),
      ...(this.config.password === undefined ? {} : { password: this.config.password }),
    });
    this.client = client;
    client.handleMessage = (packet, callback) => {
      this.received.push({ packet, connection: this.connection });
      this.store();
      callback(packet.qos === 1 ? ACK_AFTER_COMMIT : undefined);
    };
    client.on('error', (error) => logger.warn({ err: error }, 'mqtt ingest: broker connection error'));
    client.on('close', () => {
      this.connection += 1; // what was received on it and not yet acknowledged comes again
    });
    client.on('offline', () => logger.warn('mqtt ingest: broker offline, reconnecting'));
    this.subscribed = new Promise<void>((resolve) => {
      client.on('connect', () => {
        const filters = Object.fromEntries(this.config.topics.map((t) => [t.filter, { qos: 1 as const }]));
        client.subscribe(filters, (error) => {
          if (error) logger.error({ err: error }, 'mqtt ingest: subscribing failed');
          else logger.info({ topics: Object.keys(filters) }, 'mqtt ingest: subscribed');
          resolve();
        });
      });
    });
  }

  /** Lets what is being stored commit and be acknowledged, then leaves the broker. */
  private async close(): Promise<void> {
    this.stopping = true;
    await this.storing;
    const client = this.client;
    this.client = undefined;
    this.subscribed = undefined;
    // Not acknowledged: the broker sends them again to whoever holds the session next.
    this.received = [];
    this.connection += 1;
    await client?.endAsync();
  }

  /** Stores what has been received, unless that is under way (it then takes these next). */
  private store(): void {
    this.storing ??= (async () => {
      while (this.received.length > 0 && !this.stopping) await this.storeBatch();
    })().finally(() => {
      this.storing = undefined;
    });
  }

  /** One transaction for the messages received so far; retried while the database is away. */
  private async storeBatch(): Promise<void> {
    const batch = this.received.splice(0, STORE_BATCH);
    const { logger, clock } = this.services;
    const readings = batch.flatMap(({ packet }) => {
      const reading = this.read(packet);
      return reading ? [reading] : [];
    });
    for (;;) {
      try {
        const fresh = await storeReadings(this.services.orm.em.fork(), readings, clock.now());
        this.acknowledge(batch);
        if (fresh > 0) this.nudge();
        return;
      } catch (error) {
        // Left unacknowledged: after a reconnect the broker sends them again.
        if (this.stopping) return;
        logger.error(
          { err: error, messages: batch.length },
          'mqtt ingest: storing readings failed, retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** The reading a message carries; one that cannot be read is logged and acknowledged. */
  private read(packet: IPublishPacket): CountInput | WeighingInput | undefined {
    const { topic } = packet;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const config = this.config.topics.find((t) => topicMatches(t.filter, topic));
    if (!config) return undefined;
    try {
      return readingOf(config, topic, payload, this.services.clock.now());
    } catch (error) {
      if (!(error instanceof UnreadableMessage || error instanceof AppError)) throw error;
      this.services.logger.warn(
        { topic, reason: error.message, payload: payload.toString('utf8', 0, 200) },
        'mqtt ingest: unreadable message dropped',
      );
      return undefined;
    }
  }

  /** PUBACKs, in the order received, for messages of the connection still open. */
  private acknowledge(batch: Received[]): void {
    const client = this.client;
    if (!client) return;
    for (const { packet, connection } of batch) {
      if (packet.qos !== 1 || connection !== this.connection || !client.connected) continue;
      // mqtt.js has no public call for a deferred acknowledgement; this is what it sends itself.
      (client as unknown as { _sendPacket(p: unknown): void })._sendPacket({
        cmd: 'puback',
        messageId: packet.messageId,
        reasonCode: 0,
      });
    }
  }

  /** Applies pending readings unless that is under way; then it goes round once more. */
  private nudge(): void {
    if (this.applying) {
      this.applyAgain = true;
      return;
    }
    this.applying = this.drain().finally(() => {
      this.applying = undefined;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.applyAgain = false;
      while (!this.stopping && (await this.applyBatch(APPLY_BATCH)) > 0);
    } while (this.applyAgain && !this.stopping);
  }

  /**
   * One batch in one transaction. A batch that fails is retried a reading at a time, and a
   * reading that fails alone is set aside as refused, so one bad reading cannot stop the rest.
   */
  private async applyBatch(limit: number): Promise<number> {
    const { orm, logger } = this.services;
    try {
      const em = orm.em.fork();
      return await em.transactional(
        (tx) => applyPending(unitOf(this.services, tx), limit),
        writeTransaction(em),
      );
    } catch (error) {
      logger.error({ err: error, limit }, 'mqtt ingest: applying readings failed');
      if (this.stopping) return 0;
      if (limit > 1) return this.applyBatch(1);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      const em = orm.em.fork();
      const stuck = await em.findOne(GatewayReading, { state: 'pending' }, { orderBy: { id: 'asc' } });
      if (!stuck) return 0;
      stuck.state = 'refused';
      stuck.note = `处理失败：${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      await em.flush();
      return 1;
    }
  }
}
