import { setTimeout as sleep } from 'node:timers/promises';
import { inbound } from '../../../test/channels/wecom-app/callback-client.js';
import type { ThrowawayMariadb } from '../mariadb.js';
import { inParallel } from '../pool.js';
import { msgIdOf, openBigOrder, REPORTERS, reportsPerMsgId } from '../shop.js';
import { tallyCallbacks, type DrillResult } from '../tally.js';
import { DrillWorld } from '../world.js';

interface Report {
  id: string;
  from: string;
  xml: string;
}

/** Time for handlers cut short to finish or be resumed after the database is back. */
const SETTLE_MS = 15_000;

/**
 * One-piece reports, each reporter on an order of their own: reports on one task queue on
 * its row lock, and the drill is about outages, not that queue.
 */
async function reports(world: DrillWorld, count: number, perOrder: number): Promise<Report[]> {
  const orders: string[] = [];
  for (const _ of REPORTERS) orders.push(await openBigOrder(world, perOrder));
  return Array.from({ length: count }, (_, i) => {
    const from = REPORTERS[i % REPORTERS.length] as string;
    const xml = inbound.text(from, `完工 ${orders[i % REPORTERS.length]} 工序10 1`);
    return { id: msgIdOf(xml), from, xml };
  });
}

/**
 * Issue 16 item 1: 2,000 one-piece reports posted as WeCom callbacks; the database is killed
 * a third of the way in and restarted a few seconds later while the load goes on.
 */
export async function databaseKilledUnderLoad(db: ThrowawayMariadb, count = 2_000): Promise<DrillResult> {
  const world = await DrillWorld.open(db, 'drill_db_killed');
  try {
    const load = await reports(world, count, 1_000_000);
    const acknowledged = new Set<string>();
    let outage: Promise<void> | undefined;
    await inParallel(load, 16, async (report, index) => {
      if (index === Math.floor(count / 3))
        outage = (async () => {
          await db.kill();
          await sleep(5_000);
          await db.start();
        })();
      const delivery = await world.say(report.from, report.xml);
      if (delivery.acknowledged) acknowledged.add(report.id);
    });
    await outage;
    return await settleAndCount(world, 'database killed under 2,000 reports', load, acknowledged);
  } finally {
    await world.close();
  }
}

/**
 * Issue 16 items 1 and 2: the database hangs (SIGSTOP) longer than the 4 s passive deadline
 * while reports arrive, so the app answers WeCom before anything is stored; then it is
 * killed, as a hung server is, and restarted.
 */
export async function databaseFrozenThenKilled(db: ThrowawayMariadb, count = 50): Promise<DrillResult> {
  const world = await DrillWorld.open(db, 'drill_db_frozen');
  try {
    const load = await reports(world, count, 100_000);
    const acknowledged = new Set<string>();
    db.freeze();
    const posting = inParallel(load, count, async (report) => {
      const delivery = await world.say(report.from, report.xml);
      if (delivery.acknowledged) acknowledged.add(report.id);
    });
    await sleep(7_000);
    db.thaw();
    await db.kill();
    await sleep(3_000);
    await db.start();
    await posting;
    return await settleAndCount(world, 'database frozen past the deadline, killed', load, acknowledged);
  } finally {
    await world.close();
  }
}

async function settleAndCount(
  world: DrillWorld,
  drill: string,
  load: readonly Report[],
  acknowledged: ReadonlySet<string>,
): Promise<DrillResult> {
  const crashes = world.app.crashes.length;
  // A crashed server is started again by its supervisor; whatever it resumes counts.
  await world.app.recovered();
  await sleep(SETTLE_MS);
  const counted = tallyCallbacks(
    load.map((r) => r.id),
    acknowledged,
    await reportsPerMsgId(world),
  );
  return {
    drill,
    tried: load.length,
    held: counted.held,
    lost: counted.lost,
    duplicated: counted.duplicated,
    crashes,
    notes: [
      `${acknowledged.size} acknowledged with 200, ${counted.refused} never acknowledged after WeCom's 3 attempts and not stored`,
      ...world.app.crashes.map((c) => `crash: ${firstLine(c)}`),
    ],
  };
}

function firstLine(output: string): string {
  const fatal = output.split('\n').find((l) => /uncaught|triggerUncaught|fatal|Error/i.test(l));
  return (fatal ?? output.split('\n')[0] ?? '').slice(0, 300);
}
