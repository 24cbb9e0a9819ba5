import type { EntityManager } from '@mikro-orm/core';
import type { CommandContext } from '../context.js';

/**
 * What a kind of card does when tapped. The engine has already checked that the card is
 * ours and current; `act` still checks who is tapping (a card can be forwarded).
 */
export interface CardHandler {
  cardType: string;
  /** The subject's version now, or undefined when it no longer exists. */
  currentVersion(em: EntityManager, subjectId: string): Promise<string | undefined>;
  /** A short Chinese description of where the subject is now, for the "card is stale" reply. */
  describeNow(em: EntityManager, subjectId: string): Promise<string>;
  act(
    ctx: CommandContext,
    subjectId: string,
    action: string,
    selections: Record<string, string[]>,
  ): Promise<void>;
}
