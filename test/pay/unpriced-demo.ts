import type { EntityManager } from '@mikro-orm/core';
import { PayMonth } from '../../src/pay/month/pay-month.entity.js';
import { PayStatement } from '../../src/pay/month/pay-statement.entity.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { PieceRate } from '../../src/pay/piece-rate.entity.js';

/**
 * The demo shop without its pay: no rates, no earnings, no months. The hand-built months of
 * these tests price the operations themselves, so every figure they assert is theirs alone.
 */
export async function withoutDemoPay(em: EntityManager): Promise<void> {
  await em.nativeDelete(PayStatement, {});
  await em.nativeDelete(PayEntry, {});
  await em.nativeDelete(PayMonth, {});
  await em.nativeDelete(PieceRate, {});
}
