/** One section another capability adds to the digest: a bold title and its lines. */
export interface DigestSection {
  title: string;
  lines: readonly string[];
}

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /**
     * The digest for `day` (the production day from `start` to `end`) is being written: a
     * capability that has figures of its own for it calls `add`, in the transaction, and its
     * section follows the built-in ones. This is how a capability, or a plugin, contributes
     * without the digest importing it.
     */
    'digest.composing': {
      day: string;
      start: Date;
      end: Date;
      add(section: DigestSection): void;
    };
  }
}

export const digestEvents = ['digest.composing'] as const;
