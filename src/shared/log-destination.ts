import { openSync, writeSync } from 'node:fs';

/**
 * Where log lines go: a file descriptor (standard output) written synchronously, so no line
 * waits in a buffer when the process exits.
 *
 * pino's default destination buffers asynchronously and flushes at `process.exit` with
 * sonic-boom's `flushSync`, which retries a failed write forever (it sleeps and tries again
 * on EPIPE too). Once nobody read the server's output, a line logged while an earlier write
 * was still in flight turned every exit — the SIGTERM one included — into that endless loop.
 *
 * Here the first failed write is the last one on that descriptor: the destination moves to
 * the fallback file when one is configured and drops lines otherwise, and the process goes on.
 */
export class LogDestination {
  private fd: number;
  private usingFallback = false;
  /** Told once, when lines start going to the fallback file instead. */
  onFallback: ((reason: string, file: string) => void) | undefined;

  constructor(
    private readonly fallbackFile: string | undefined,
    fd = 1,
  ) {
    this.fd = fd;
  }

  write(line: string): void {
    if (this.fd < 0) return;
    try {
      writeFully(this.fd, line);
    } catch (error) {
      if (errorCode(error) === 'EAGAIN') return; // a reader too slow to keep up: drop the line, never spin
      this.degrade(errorCode(error), line);
    }
  }

  private degrade(reason: string, line: string): void {
    this.fd = -1;
    if (this.usingFallback || !this.fallbackFile) return;
    this.usingFallback = true;
    this.fd = openOrNothing(this.fallbackFile);
    if (this.fd < 0) return;
    this.onFallback?.(reason, this.fallbackFile);
    this.write(line);
  }
}

function writeFully(fd: number, line: string): void {
  const bytes = Buffer.from(line);
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
}

function openOrNothing(file: string): number {
  try {
    return openSync(file, 'a');
  } catch {
    return -1;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
