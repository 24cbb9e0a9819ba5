import { setTimeout as sleep } from 'node:timers/promises';
import { encryptedCallback, inbound } from '../../../test/channels/wecom-app/callback-client.js';
import type { ThrowawayMariadb } from '../mariadb.js';
import { menuClickXml, openBigOrder } from '../shop.js';
import type { DrillResult } from '../tally.js';
import { DrillWorld } from '../world.js';

/** The original and three replays, overlapping as WeCom's retries of a slow answer do. */
const DELIVERIES = 4;
const HANDLING_MS = 3_000;

interface Kind {
  name: string;
  /** The plaintext of one inbound, built afresh for each call (a new MsgId or CreateTime). */
  xml: (at: Date) => Promise<string>;
  /** A count that one handling raises by exactly what one handling does. */
  effect: () => Promise<number>;
}

/**
 * Issue 16: every inbound kind of the WeCom app callback delivered four times at once has its
 * effect once. The effect of one delivery is measured first on a twin (another MsgId or
 * CreateTime), so a kind whose single handling sends several messages is judged fairly.
 */
export async function inboundReplays(db: ThrowawayMariadb): Promise<DrillResult> {
  const world = await DrillWorld.open(db, 'drill_replays');
  try {
    const order = await openBigOrder(world, 100_000);
    const notes: string[] = [];
    let held = 0;
    let duplicated = 0;
    let lost = 0;
    for (const kind of kinds(world, order)) {
      const once = await effectOf(world, kind, new Date(Date.now() - 60_000), 1);
      const replayed = await effectOf(world, kind, new Date(), DELIVERIES);
      notes.push(`${kind.name}: one delivery → ${once}, ${DELIVERIES} deliveries → ${replayed}`);
      if (once === 0) lost += 1;
      else if (replayed === once) held += 1;
      else if (replayed > once) duplicated += 1;
      else lost += 1;
    }
    return {
      drill: `${DELIVERIES - 1} replays of each inbound kind`,
      tried: held + duplicated + lost,
      held,
      lost,
      duplicated,
      crashes: world.app.crashes.length,
      notes,
    };
  } finally {
    await world.close();
  }
}

async function effectOf(world: DrillWorld, kind: Kind, at: Date, deliveries: number): Promise<number> {
  const before = await kind.effect();
  const request = encryptedCallback(await kind.xml(at));
  await Promise.all(Array.from({ length: deliveries }, () => world.deliver(request)));
  await sleep(HANDLING_MS);
  await world.outboxSettled(15_000);
  return (await kind.effect()) - before;
}

function kinds(world: DrillWorld, order: string): Kind[] {
  const count = async (sql: string) => Number((await world.query<{ n: number }>(sql))[0]?.n ?? 0);
  const reports = () => count('select count(*) as n from work_reports');
  // What reached WeCom for the person, new cards and card updates alike (a scan may refresh
  // the card 我的任务 already showed rather than send another).
  const messagesToZhangwei = async () =>
    world.gate.fake.recorded.filter(
      (r) => r.errcode === 0 && JSON.stringify(r.body ?? {}).includes('"zhangwei"'),
    ).length;
  return [
    {
      name: 'text 完工',
      xml: async () => inbound.text('lijianguo', `完工 ${order} 工序10 1`),
      effect: reports,
    },
    {
      name: 'card button 完工',
      xml: async (at) => {
        const { key, taskId, responseCode } = await completionButton(world);
        return inbound.click('zhangwei', key, taskId, responseCode, at);
      },
      effect: reports,
    },
    {
      name: 'menu click 我的任务',
      xml: async (at) => menuClickXml('zhangwei', 'my_tasks', at),
      effect: messagesToZhangwei,
    },
    {
      name: 'scan event',
      xml: async (at) => inbound.scan('zhangwei', order, at),
      effect: messagesToZhangwei,
    },
  ];
}

/** Asks for 我的任务 and takes the newest delivered card's 完工 button, as a worker would tap it. */
async function completionButton(world: DrillWorld) {
  await world.say('zhangwei', inbound.text('zhangwei', '我的任务'));
  for (let waited = 0; waited < 15_000; waited += 250) {
    const sent = world.gate.fake.recorded.filter(
      (r) => r.errcode === 0 && r.body?.touser === 'zhangwei' && r.body?.msgtype === 'template_card',
    );
    for (const r of sent.reverse()) {
      const card = r.body?.template_card as {
        task_id: string;
        button_list?: Array<{ text: string; key: string }>;
      };
      const button = card.button_list?.find((b) => b.text.startsWith('完工'));
      if (button)
        return { key: button.key, taskId: card.task_id, responseCode: String(r.answer.response_code) };
    }
    await sleep(250);
  }
  throw new Error('zhangwei was sent no card with a 完工 button');
}
