import type { IPublishPacket, MqttClient } from 'mqtt';
import { unitOf, type AppServices } from '../app-services.js';
import type { LongConnection } from '../capabilities/capability.js';
import { writeTransaction } from '../db/locking.js';
import { AppError } from '../shared/errors.js';
import type { MqttIngestConfig } from './config.js';
import { GatewayReading } from './gateway-reading.entity.js';
import { applyPending, storeReading } from './ingest-service.js';
import { readingOf, topicMatches, UnreadableMessage } from './payload-mapping.js';

/** Pending readings applied in one transaction at most. */
const APPLY_BATCH = 500;
const RETRY_MS = 1000;

/** The MQTT subscription of factory.yaml `ingest.mqtt`, when there is one. */
export function mqttIngestConnections(services: AppServices): LongConnection[] {
  const config = services.config.ingest.mqtt;
  return config ? [new MqttIngest(services, config)] : [];
}

/**
 * Subscribes to the factory's broker at QoS 1 in a kept session (a fixed client id, no clean
 * start), so what the gateways publish while the bot is down waits at the broker. Each message
 * is acknowledged only once its reading is committed (one insert, ignored when the device's
 * sequence number is taken: a redelivery or replay changes nothing). The readings are then
 * applied in batches beside the stream — a machine's counts of a batch make one work report.
 * mqtt.js reconnects by itself; readings left pending by a stop are applied at the next start.
 */
export class MqttIngest implements LongConnection {
  readonly name = 'mqtt-ingest';
  private client: MqttClient | undefined;
  private stopping = false;
  private applying: Promise<void> | undefined;
  private applyAgain = false;

  constructor(
    private readonly services: AppServices,
    private readonly config: MqttIngestConfig,
  ) {}

  async start(): Promise<void> {
    const { connect } = await import('mqtt');
    const { logger } = this.services;
    const client = connect(this.config.url, {
      clientId: this.config.clientId ?? 'shopfloor-bot',
      clean: false,
      reconnectPeriod: RETRY_MS,
      connectTimeout: 10_000,
      ...(this.config.username === undefined ? {} : { username: this.config.username }),
      ...(this.config.password === undefined ? {} : { password: this.config.password }),
    });
    this.client = client;
    // mqtt.js sends the PUBACK when this calls back, and reads the next message only then.
    client.handleMessage = (packet, callback) => {
      this.receive(packet).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    };
    client.on('error', (error) => logger.warn({ err: error }, 'mqtt ingest: broker connection error'));
    client.on('offline', () => logger.warn('mqtt ingest: broker offline, reconnecting'));
    const subscribed = new Promise<void>((resolve) => {
      client.on('connect', () => {
        const filters = Object.fromEntries(this.config.topics.map((t) => [t.filter, { qos: 1 as const }]));
        client.subscribe(filters, (error) => {
          if (error) logger.error({ err: error }, 'mqtt ingest: subscribing failed');
          else logger.info({ topics: Object.keys(filters) }, 'mqtt ingest: subscribed');
          resolve();
        });
      });
    });
    // A broker that is down does not stop the app: mqtt.js keeps trying.
    await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    this.nudge(); // what a previous run stored but did not apply
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.client?.endAsync();
    await this.applying;
  }

  /** Stores one message; retried while the database is away, so it is never acknowledged unstored. */
  private async receive(packet: IPublishPacket): Promise<void> {
    const topic = packet.topic;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const config = this.config.topics.find((t) => topicMatches(t.filter, topic));
    const { logger, clock } = this.services;
    if (!config) return;
    let reading;
    try {
      reading = readingOf(config, topic, payload, clock.now());
    } catch (error) {
      if (!(error instanceof UnreadableMessage || error instanceof AppError)) throw error;
      logger.warn(
        { topic, reason: error.message, payload: payload.toString('utf8', 0, 200) },
        'mqtt ingest: unreadable message dropped',
      );
      return;
    }
    for (;;) {
      try {
        const { fresh } = await storeReading(this.services.orm.em.fork(), reading, clock.now());
        if (fresh) this.nudge();
        return;
      } catch (error) {
        if (this.stopping) throw error; // left unacknowledged: the broker sends it again
        logger.error({ err: error, topic }, 'mqtt ingest: storing a reading failed, retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
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
