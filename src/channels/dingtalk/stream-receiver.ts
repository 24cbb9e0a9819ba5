import {
  EventAck,
  TOPIC_CARD,
  TOPIC_ROBOT,
  type DWClientDownStream,
  type EventAckData,
} from 'dingtalk-stream';
import type { ReadinessCheck } from '../../http/health-routes.js';
import { logContext, type Logger } from '../../shared/logger.js';
import type { AccessTokenCache } from '../shared/access-token-cache.js';
import { StreamClient } from './stream-client.js';

/** What a callback frame is acknowledged with (§2.4), and what to do once the ACK is written. */
export interface FrameAnswer {
  /** Sent as `{"response": …}`: null for a robot message, the card update for a card action. */
  response: unknown;
  afterAck?: () => void;
}

export type FrameHandler = (frame: DWClientDownStream) => Promise<FrameAnswer>;

export interface StreamReceiverDeps {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  tokens: AccessTokenCache;
  logger: Logger;
  onRobotMessage: FrameHandler;
  onCardCallback: FrameHandler;
}

/** The server closes a connection about 10 s after SYSTEM disconnect (§2.4); after this we close it ourselves. */
const DRAIN_LIMIT_MS = 60_000;

/**
 * The socket receiver of the DingTalk channel: keeps a Stream connection open, hands each
 * callback frame to its handler, and ACKs it on the connection it came from only when the
 * handler is done, so an event the engine has not recorded is never acknowledged. (Whether
 * DingTalk re-pushes an unacknowledged robot message is unconfirmed, dingtalk.md §2.4; an event
 * stored before its handling failed is answered by the resume job either way.) On SYSTEM
 * disconnect a new connection (new ticket) opens at once; the old one stays to finish and
 * ACK what it already received, and is closed by the server or, at the latest, by us.
 */
export class StreamReceiver {
  private current: StreamClient | undefined;
  private readonly draining = new Map<StreamClient, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly deps: StreamReceiverDeps) {}

  /** Starts connecting and returns: the server must come up even while DingTalk is out of reach. */
  async start(): Promise<void> {
    this.stopping = false;
    this.current = this.open();
  }

  /** Lets the frames under way finish and ACK, then closes every connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    for (const [client, timer] of this.draining) {
      clearTimeout(timer);
      client.shutDown();
    }
    this.draining.clear();
    this.current?.shutDown();
    this.current = undefined;
  }

  readonly readiness: ReadinessCheck = {
    name: 'dingtalk-stream',
    check: async () =>
      this.current?.connected
        ? { ok: true }
        : { ok: false, reason: 'not connected to the DingTalk Stream gateway' },
  };

  private open(): StreamClient {
    const { clientId, clientSecret, apiBase, tokens, logger } = this.deps;
    const client = new StreamClient({
      clientId,
      clientSecret,
      apiBase,
      tokens,
      logger,
      onDisconnectRequested: (asked) => this.reconnect(asked),
    });
    client.registerCallbackListener(TOPIC_ROBOT, (frame) =>
      this.dispatch(client, frame, this.deps.onRobotMessage),
    );
    client.registerCallbackListener(TOPIC_CARD, (frame) =>
      this.dispatch(client, frame, this.deps.onCardCallback),
    );
    client.registerAllEventListener((frame) => this.settleEvent(frame));
    // 2.1.5 catches every connect failure and retries (our overrides log them); should that
    // ever change, the rejection is logged here instead of ending the process.
    void client
      .connect()
      .catch((error: unknown) =>
        logger.error({ err: error }, 'DingTalk Stream connection failed and is not retried'),
      );
    return client;
  }

  /** §2.4/§8: 2.1.5 only notes a SYSTEM disconnect and reconnects when the server cuts it, 10 s later. */
  private reconnect(client: StreamClient): void {
    if (client !== this.current || this.stopping) return;
    client.retire();
    const timer = setTimeout(() => {
      this.draining.delete(client);
      client.shutDown();
    }, DRAIN_LIMIT_MS);
    timer.unref();
    this.draining.set(client, timer);
    this.current = this.open();
    this.deps.logger.info('DingTalk asked this connection to go; a new one is opening while it drains');
  }

  private dispatch(client: StreamClient, frame: DWClientDownStream, handler: FrameHandler): void {
    // Not acknowledged while stopping: the platform may deliver it again, to an instance that runs.
    if (this.stopping) return;
    const { messageId, topic } = frame.headers;
    const work = logContext.run({ channel: 'dingtalk', requestId: messageId }, async () => {
      try {
        const answer = await handler(frame);
        // §3.2: 2.1.5 never ACKs a callback by itself. This client is the connection the frame came on.
        client.socketCallBackResponse(messageId, answer.response);
        if (client.connected) answer.afterAck?.();
      } catch (error) {
        this.deps.logger.error(
          { err: error, messageId, topic },
          'DingTalk frame not handled; left unacknowledged so the platform can deliver it again',
        );
      }
    });
    this.inFlight.add(work);
    // `work` logs its own failures (the frame stays unacknowledged and is delivered again).
    const forget = () => this.inFlight.delete(work);
    void work.then(forget, forget);
  }

  /**
   * §3.2: 2.1.5 sends what this returns as the ACK, at once; an async handler's Promise would
   * serialise as `{}` and the platform would deliver the event again. No capability reads
   * events yet, so each is settled and logged.
   */
  private settleEvent(frame: DWClientDownStream): EventAckData {
    this.deps.logger.info(
      { eventType: frame.headers.eventType, eventId: frame.headers.eventId },
      'DingTalk event acknowledged; nothing handles it yet',
    );
    return { status: EventAck.SUCCESS };
  }
}
