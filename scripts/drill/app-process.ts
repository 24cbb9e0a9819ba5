import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The server as production runs it (`node scripts/start.mjs`, built once by the drill), in a
 * child process the drill may kill. An exit the drill did not cause is a crash.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private killedByDrill = false;
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
    child.once('exit', (code, signal) => {
      if (!this.killedByDrill) this.crashes.push(`exit ${code ?? signal}: ${this.output.slice(-1500)}`);
    });
    for (let waited = 0; waited < 60_000; waited += 100) {
      const line = this.output
        .slice(startedAt)
        .split('\n')
        .find((l) => l.includes('"msg":"listening"'));
      if (line) {
        this.port = (JSON.parse(line) as { port: number }).port;
        return;
      }
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`the app did not start:\n${this.output.slice(startedAt)}`);
  }

  /** A supervisor (systemd, docker) starts a crashed server again; so does the drill. */
  async ensureRunning(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) await this.start();
  }

  /** No shutdown hooks, no drain: the process is gone mid-whatever-it-was-doing. */
  async kill(): Promise<void> {
    await this.stopWith('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.stopWith('SIGTERM');
  }

  /** Lines the process logged at warn or above whose message matches. */
  logged(pattern: RegExp): string[] {
    return this.output.split('\n').filter((l) => pattern.test(l));
  }

  private async stopWith(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killedByDrill = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
