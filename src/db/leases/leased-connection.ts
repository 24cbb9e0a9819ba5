import type { ConnectionLeases } from './connection-leases.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

export interface LeasedConnectionOptions {
  /** The lease's name, one per long connection (e.g. `wecom-bot`). */
  name: string;
  holder: string;
  leases: ConnectionLeases;
  /** How long a lease lasts unrenewed (CONNECTION_LEASE_MS); it is renewed every third of it. */
  ttlMs: number;
  clock: Clock;
  logger: Logger;
  /** Starts connecting; must not wait for the platform (the server comes up without it). */
  open(): void;
  close(): void;
}

/**
 * A long connection that only the holder of its database lease keeps open, so that of several
 * server instances with the same credentials exactly one is connected. Every instance tries the
 * lease every third of its length: the holder renews it, the others take it over once a dead
 * holder's lease has run out — within 4/3 of a lease (20 s for the default 15 s). A holder that
 * cannot renew (database out of reach) closes its connection when its lease runs out, since
 * another instance may take it over from then on.
 */
export class LeasedConnection {
  private heldUntil: Date | undefined;
  private openedAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LeasedConnectionOptions) {}

  /** Whether this instance holds the lease and so has opened the connection. */
  get holding(): boolean {
    return this.openedAt !== undefined;
  }

  /** When this instance last opened the connection, for a grace period before readiness counts it. */
  get holdingSince(): Date | undefined {
    return this.openedAt;
  }

  /** Tries the lease once (the connection opens now if it is free) and keeps trying in the background. */
  async start(): Promise<void> {
    this.stopped = false;
    this.round = this.attempt();
    await this.round;
    this.schedule();
  }

  /** Closes the connection and gives the lease up, so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    this.closeConnection('stopping');
    if (this.heldUntil === undefined) return;
    this.heldUntil = undefined;
    try {
      await this.options.leases.release(this.options.name, this.options.holder);
    } catch (error) {
      // Not fatal to the shutdown: unreleased, the lease runs out on its own within ttlMs.
      this.options.logger.warn(
        { err: error, lease: this.options.name },
        'could not release the connection lease; it expires on its own',
      );
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.attempt()
        .catch((error: unknown) =>
          this.options.logger.error(
            { err: error, lease: this.options.name },
            'connection lease round failed',
          ),
        )
        .then(() => this.schedule());
    }, this.options.ttlMs / 3);
  }

  /**
   * One renewal or take-over attempt. A database that does not answer is expected and handled
   * here; anything else (the SDK refusing to open) is logged by the caller and tried next round.
   */
  private async attempt(): Promise<void> {
    const { name, holder, ttlMs, leases, clock, logger } = this.options;
    try {
      this.heldUntil = await leases.hold(name, holder, ttlMs);
    } catch (error) {
      logger.warn({ err: error, lease: name }, 'could not renew or take the connection lease');
      if (this.heldUntil && clock.now() >= this.heldUntil) this.heldUntil = undefined;
    }
    if (this.stopped) return;
    if (this.heldUntil && !this.holding) {
      logger.info({ lease: name, holder }, 'holding the connection lease; opening the connection');
      this.options.open();
      this.openedAt = clock.now();
    } else if (!this.heldUntil) this.closeConnection('lost the connection lease');
  }

  private closeConnection(why: string): void {
    if (!this.holding) return;
    this.options.logger.info(
      { lease: this.options.name, holder: this.options.holder },
      `${why}; closing the connection`,
    );
    this.openedAt = undefined;
    this.options.close();
  }
}
