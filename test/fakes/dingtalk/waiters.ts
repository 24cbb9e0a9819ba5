interface Waiter {
  check(): void;
  abort(error: Error): void;
}

/** Promises that settle once a probe finds something; re-probed whenever the fake's state changes. */
export class Waiters {
  private readonly pending = new Set<Waiter>();

  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.pending.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        abort: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.abort(new Error(`fake DingTalk: timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      this.pending.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.pending]) waiter.check();
  }

  abortAll(reason: string): void {
    for (const waiter of [...this.pending]) waiter.abort(new Error(`fake DingTalk: ${reason}`));
  }
}
