import type { Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { Logger } from '../shared/logger.js';

/** What one `board` event carries: the panels' HTML and when they were read. */
export interface BoardFrame {
  panels: string;
  at: string;
}

interface Watcher {
  stream: PassThrough;
  server: Server | undefined;
  openedAt: number;
}

export interface BoardHubOptions {
  read(): Promise<BoardFrame>;
  logger: Logger;
  /**
   * How often the board is read again while a screen watches. In-process changes (a report
   * through this server) are pushed at once by the domain events; this catches the rest: a
   * report made in `npm run chat` or on another server instance, a repair, an exception.
   */
  pollMs?: number;
  /** A stream is ended after this long and the browser reconnects: no connection lives forever. */
  maxStreamMs?: number;
}

/** Every hub with a screen watching, for the domain-event subscribers to poke. */
const watched = new Set<BoardHub>();

/** Something on the board may have changed in this process: every watched board reads again now. */
export function boardsChanged(): void {
  for (const hub of watched) hub.refresh();
}

/**
 * The open board screens of one app and what they last saw: the board is read once for all
 * of them, and sent only when the panels changed.
 */
export class BoardHub {
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;
  private last: BoardFrame | undefined;
  private version = 0;
  private reading = false;
  private readAgain = false;

  constructor(private readonly options: BoardHubOptions) {}

  /** Starts streaming to a screen; the stream ends when the screen goes or the server stops. */
  watch(server: Server | undefined): PassThrough {
    const watcher: Watcher = { stream: new PassThrough(), server, openedAt: Date.now() };
    // The browser waits this long before reconnecting after the server ended a stream.
    watcher.stream.write('retry: 1000\n\n');
    if (this.last) this.send(watcher, this.last);
    this.watchers.add(watcher);
    watcher.stream.on('close', () => this.unwatch(watcher));
    if (!this.timer) {
      watched.add(this);
      this.timer = setInterval(() => this.tick(), this.options.pollMs ?? 2000);
      this.timer.unref();
    }
    this.refresh();
    return watcher.stream;
  }

  get screens(): number {
    return this.watchers.size;
  }

  /** Reads the board again (once, however often asked meanwhile) and sends it if it changed. */
  refresh(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void this.options
      .read()
      .then((frame) => {
        if (frame.panels === this.last?.panels) return;
        this.version += 1;
        this.last = frame;
        for (const watcher of this.watchers) this.send(watcher, frame);
      })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'board refresh failed'))
      .finally(() => {
        this.reading = false;
        if (this.readAgain && this.watchers.size > 0) {
          this.readAgain = false;
          this.refresh();
        }
      });
  }

  private tick(): void {
    const now = Date.now();
    for (const watcher of this.watchers) {
      // A closing server waits for open requests: a stream must not keep it up.
      const stopping = watcher.server !== undefined && !watcher.server.listening;
      if (stopping || now - watcher.openedAt > (this.options.maxStreamMs ?? 10 * 60_000))
        watcher.stream.end();
    }
    if (this.watchers.size > 0) this.refresh();
  }

  private send(watcher: Watcher, frame: BoardFrame): void {
    const data = JSON.stringify({ ...frame, version: this.version });
    watcher.stream.write(`event: board\ndata: ${data}\n\n`);
  }

  private unwatch(watcher: Watcher): void {
    this.watchers.delete(watcher);
    if (this.watchers.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.last = undefined;
    watched.delete(this);
  }
}
