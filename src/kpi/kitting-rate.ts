import type { EntityManager } from '@mikro-orm/core';
import { kitting } from '../planning/kitting-service.js';
import { planningMessages } from '../planning/messages.js';

/**
 * The KPI summary with the 齐套率 line under it, as `KPI` and the weekly message show it. The
 * rate is today's, not the period's (stock has no history): shown once any open order's item
 * has a BOM.
 */
export async function withKittingRate(em: EntityManager, summary: string): Promise<string> {
  const kitted = await kitting(em);
  return kitted.rate === null ? summary : `${summary}\n${planningMessages.kittingKpi(kitted)}`;
}
