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
  const request = encryptedCallback(await kind.xml(at));
  // Building the inbound may itself send (a dispatch notice); that is not its effect.
  await world.outboxSettled(15_000);
  const before = await kind.effect();
  await Promise.all(Array.from({ length: deliveries }, () => world.deliver(request)));
  await sleep(HANDLING_MS);
  await world.outboxSettled(15_000);
  return (await kind.effect()) - before;
}

function kinds(world: DrillWorld, order: string): Kind[] {
  const count = async (sql: string) => Number((await world.query<{ n: number }>(sql))[0]?.n ?? 0);
  const reports = () => count('select count(*) as n from work_reports');
  // What the app queued for the person, whatever WeCom then makes of it (a card shown again
  // is refused for its taken task_id, which says nothing about replays).
  const messagesToZhangwei = () =>
    count("select count(*) as n from outbox_messages where recipient_key = 'zhangwei'");
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
      // A fresh order each time: a second scan of one order re-sends the card already shown,
      // which WeCom refuses (42014, task_id taken) whatever the replays do.
      name: 'scan event',
      xml: async (at) => inbound.scan('zhangwei', await openBigOrder(world, 100), at),
      effect: messagesToZhangwei,
    },
  ];
}

/**
 * A fresh order of zhangwei's, started, and the 完工 button of the card 我的任务 then shows
 * for it, as he would tap it: each tap is on a task of its own, so an earlier tap that
 * finished its task does not make this one a refusal.
 */
async function completionButton(world: DrillWorld) {
  const order = await openBigOrder(world, 10);
  await world.say('zhangwei', inbound.text('zhangwei', `开工 ${order}`));
  const shownFrom = world.gate.fake.recorded.length;
  await world.say('zhangwei', inbound.text('zhangwei', '我的任务'));
  for (let waited = 0; waited < 15_000; waited += 250) {
    for (const r of world.gate.fake.recorded.slice(shownFrom)) {
      if (r.errcode !== 0 || r.body?.touser !== 'zhangwei' || r.body?.msgtype !== 'template_card') continue;
      const card = r.body.template_card as {
        task_id: string;
        main_title: { title: string };
        button_list?: Array<{ text: string; key: string }>;
      };
      const button = card.button_list?.find((b) => b.text.startsWith('完工'));
      if (button && card.main_title.title.includes(order))
        return { key: button.key, taskId: card.task_id, responseCode: String(r.answer.response_code) };
    }
    await sleep(250);
  }
  throw new Error(`我的任务 showed zhangwei no card with a 完工 button for ${order}`);
}
