/** One section another capability adds to the digest: a bold title and its lines. */
export interface DigestSection {
  title: string;
  lines: readonly string[];
}

/** What other capabilities add to the digest: sections of their own, and notes on its 交期风险 lines. */
export interface DigestContributions {
  sections: DigestSection[];
  /** By order number, in the order they were noted. */
  riskNotes: Map<string, string[]>;
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
      /** The orders the digest lists under 交期风险 itself, by number. */
      listedAtRisk: ReadonlySet<string>;
      add(section: DigestSection): void;
      /**
       * Adds `note` to the 交期风险 line of an order in `listedAtRisk`, so that what another
       * capability knows about it (its projected finish, say) is read there, not in a second list.
       */
      noteOnRisk(orderNumber: string, note: string): void;
    };
  }
}

export const digestEvents = ['digest.composing'] as const;
