import type { DemoContext } from '../../demo/demo-context.js';
import { loadOrder } from '../../workorders/task-lookup.js';
import { recordFinal } from '../inspections/inspection-service.js';

/**
 * The demo's serialised flanges: 周强's 终检 of WO-DEMO-008 accepts all 40, which get serials
 * WO-DEMO-008-0001 … -0040 through the same service as a 终检 in chat, so `追溯 WO-DEMO-008-0017`
 * answers the piece's whole chain on a fresh demo.
 */
export async function seedSerialisedFlanges(ctx: DemoContext): Promise<void> {
  await ctx.em.transactional(async (tx) => {
    const actor = await ctx.actorOf(tx, 'zhouqiang', ctx.at(-6, '15:00'));
    await recordFinal(ctx.unit(tx), actor, await loadOrder(tx, 'WO-DEMO-008'), {
      accepted: 40,
      rejected: 0,
      rework: 0,
    });
  });
}
