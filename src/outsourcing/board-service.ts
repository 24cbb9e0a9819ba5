import type { EntityManager } from '@mikro-orm/core';
import { createAccessLink, verifyAccessLink } from './links.js';

export { riskBoard, type BoardRow, type RiskBoard, type RiskColour } from './board.js';

/**
 * The read-only control-room links, for the factory board (src/board/) as well as the
 * outsourcing board page: one kind of link opens both, so a screen set up for one shows the other.
 */
export async function createBoardLink(
  em: EntityManager,
  options: { createdBy: string | null; now: Date; days: number },
): Promise<{ token: string; expiresAt: Date }> {
  const { token, link } = await createAccessLink(em, 'board', options);
  return { token, expiresAt: link.expiresAt ?? options.now };
}

/** Refuses (403, with a Chinese page text) a token that is not a live board link. */
export async function verifyBoardLink(em: EntityManager, token: string, now: Date): Promise<void> {
  await verifyAccessLink(em, token, 'board', now);
}
