import { setTimeout as sleep } from 'node:timers/promises';
import { inbound } from '../../../test/channels/wecom-app/callback-client.js';
import type { ThrowawayMariadb } from '../mariadb.js';
import type { DrillResult } from '../tally.js';
import { DrillWorld } from '../world.js';

const AT_ONCE = 5;

/**
 * Issue 16 item 5: five creations at once of each numbered record. Each must be created,
 * under a number of its own. (Work orders have no creation API yet; they are created in chat.)
 */
export async function concurrentNumbering(db: ThrowawayMariadb): Promise<DrillResult[]> {
  const world = await DrillWorld.open(db, 'drill_numbering');
  try {
    return [await workOrdersInChat(world), await outsourcingOrdersByApi(world)];
  } finally {
    await world.close();
  }
}

async function workOrdersInChat(world: DrillWorld): Promise<DrillResult> {
  const before = await numbers(world, 'work_orders');
  const planners = ['chenjing', 'lijianguo'];
  const replies = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, i) => {
      const from = planners[i % planners.length] as string;
      return world.say(from, inbound.text(from, '新建工单 FLG-300 10 12-31'));
    }),
  );
  await sleep(2_000);
  const named = replies.map((r) => /WO-[0-9A-Za-z-]+/.exec(r.reply)?.[0]).filter((n) => n !== undefined);
  return count(
    'concurrent 新建工单 in chat',
    before,
    await numbers(world, 'work_orders'),
    named,
    replies.map((r) => r.reply.slice(0, 60)),
    world.app.crashes.length,
  );
}

async function outsourcingOrdersByApi(world: DrillWorld): Promise<DrillResult> {
  const before = await numbers(world, 'outsourcing_orders');
  const answers = await Promise.all(
    Array.from({ length: AT_ONCE }, () =>
      world.api('POST', '/outsourcing-orders', {
        partner: 'P-PLATING',
        productCode: 'FLG-300',
        quantity: 10,
        expectedReturnAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    ),
  );
  const named = answers.map((a) => (a.body as { number?: string }).number).filter((n) => n !== undefined);
  return count(
    'concurrent outsourcing orders by API',
    before,
    await numbers(world, 'outsourcing_orders'),
    named,
    answers.map((a) => String(a.status)),
    world.app.crashes.length,
  );
}

async function numbers(world: DrillWorld, table: string): Promise<Set<string>> {
  const rows = await world.query<{ number: string }>(`select number from ${table}`);
  return new Set(rows.map((r) => r.number));
}

/** Lost: asked for and not created. Duplicated: one number answered to two requests. */
function count(
  drill: string,
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
  named: readonly string[],
  answers: readonly string[],
  crashes: number,
): DrillResult {
  const created = [...after].filter((n) => !before.has(n)).length;
  const duplicated = named.length - new Set(named).size;
  return {
    drill,
    tried: AT_ONCE,
    held: Math.min(created, AT_ONCE) - duplicated,
    lost: Math.max(0, AT_ONCE - created),
    duplicated,
    crashes,
    notes: [`answers: ${answers.join(' / ')}`],
  };
}
