import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The server as production runs it (`node scripts/start.mjs`, built once by the drill), in a
 * child process the drill may kill. An exit the drill did not cause is a crash.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private killedByDrill = false;
  private restarting: Promise<void> = Promise.resolve();
  private output = '';
  /** Exits nobody asked for, with the last lines the process wrote. */
  readonly crashes: string[] = [];
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.killedByDrill = false;
    const startedAt = this.output.length;
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', AUTO_MIGRATE: 'true', ...this.env },
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    let listening = false;
    child.once('exit', (code, signal) => {
      if (this.killedByDrill || !listening) return;
      this.crashes.push(`exit ${code ?? signal}: ${this.output.slice(-1500)}`);
      this.restarting = this.restartUntilUp();
    });
    for (let waited = 0; waited < 60_000; waited += 100) {
      const line = this.output
        .slice(startedAt)
        .split('\n')
        .find((l) => l.includes('"msg":"listening"'));
      if (line) {
        this.port = (JSON.parse(line) as { port: number }).port;
        listening = true;
        return;
      }
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`the app did not start:\n${this.output.slice(startedAt)}`);
  }

  /** Settles once a crashed server is up again. */
  async recovered(): Promise<void> {
    await this.restarting;
  }

  /**
   * A supervisor (systemd Restart=on-failure) starts a crashed server again at once, and
   * again while it cannot start (its database still down); so does the drill.
   */
  private async restartUntilUp(): Promise<void> {
    for (;;) {
      try {
        await this.start();
        return;
      } catch {
        await sleep(1_000);
      }
    }
  }

  /** No shutdown hooks, no drain: the process is gone mid-whatever-it-was-doing. */
  async kill(): Promise<void> {
    await this.stopWith('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.stopWith('SIGTERM');
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    await this.restarting;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killedByDrill = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
