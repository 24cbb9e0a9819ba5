/**
 * Answers worked out from inputs that never change their answer (a zone's offset in a
 * quarter-hour, a shift's instants on a day), kept by key. Once it holds `max` answers it
 * forgets the oldest, so a long-running server or a test of random dates stays bounded.
 */
export class BoundedMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, work: () => V): V {
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    const answer = work();
    if (this.answers.size >= this.max) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, answer);
    return answer;
  }
}
