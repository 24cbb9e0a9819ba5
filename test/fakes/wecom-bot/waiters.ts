interface Pending {
  probe(): boolean;
  fail(error: Error): void;
}

/** Promises that resolve when a probe of the fake's state finds something; re-probed on every change. */
export class Waiters {
  private readonly pending = new Set<Pending>();

  /** `describe` runs on timeout, so the message can show what did arrive instead. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        probe: () => {
          const value = probe();
          if (value === undefined) return false;
          settle();
          resolve(value);
          return true;
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => entry.fail(new Error(`fake WeCom bot: no ${describe()} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const settle = (): void => {
        clearTimeout(timer);
        this.pending.delete(entry);
      };
      this.pending.add(entry);
    });
  }

  notify(): void {
    for (const entry of [...this.pending]) entry.probe();
  }

  failAll(reason: string): void {
    for (const entry of [...this.pending]) entry.fail(new Error(`fake WeCom bot: ${reason}`));
  }
}
