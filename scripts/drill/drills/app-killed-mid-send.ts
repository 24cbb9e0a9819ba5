import { setTimeout as sleep } from 'node:timers/promises';
import { Outbox } from '../../../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../../../src/chat/outbox/recipient-router.js';
import { resolveDatabaseTarget } from '../../../src/db/database-target.js';
import { openOrm } from '../../../src/db/orm.js';
import { entities } from '../../../src/entities.js';
import { systemClock } from '../../../src/shared/clock.js';
import type { ThrowawayMariadb } from '../mariadb.js';
import { tallyEffects, type DrillResult } from '../tally.js';
import { DrillWorld } from '../world.js';

/** Under WeCom's 30 messages a minute to one member, which the fake enforces by dropping. */
const RECIPIENTS = 50;

/**
 * Issue 16 item 3: 500 messages queued; WeCom fails the first sends, then answers slowly
 * (every 100th only after the app's 10 s timeout, though it delivered); the app is killed
 * mid-send and started again. Each message must arrive exactly once.
 */
export async function appKilledMidSend(db: ThrowawayMariadb, count = 500): Promise<DrillResult> {
  const world = await DrillWorld.open(db, 'drill_app_killed');
  try {
    world.gate.faults = { failFirst: 30, answerAfterMs: 50, slowEvery: 100, slowestMs: 11_000 };
    const tags = Array.from({ length: count }, (_, i) => `drill-3 #${i + 1}`);
    await enqueue(world, tags);
    const delivered = () => world.gate.delivered().length;
    for (let waited = 0; delivered() < count / 3 && waited < 120_000; waited += 100) await sleep(100);
    await world.app.kill();
    await world.app.start();
    const settled = await world.outboxSettled(240_000);
    const effects = new Map<string, number>();
    for (const body of world.gate.delivered()) {
      const text = (body.text as { content?: string } | undefined)?.content ?? '';
      effects.set(text, (effects.get(text) ?? 0) + 1);
    }
    const dead = await world.query<{ n: number }>(
      "select count(*) as n from outbox_messages where status not in ('pending', 'sending', 'sent')",
    );
    return {
      drill: 'app killed with 500 messages queued',
      tried: count,
      ...tallyEffects(tags, effects),
      crashes: world.app.crashes.length,
      notes: [
        ...(settled ? [] : ['the outbox had not drained after 4 minutes']),
        `${Number(dead[0]?.n ?? 0)} rows ended neither sent nor open (dead letters)`,
      ],
    };
  } finally {
    await world.close();
  }
}

/** Queued as any feature queues them: through the outbox, in one committed unit of work. */
async function enqueue(world: DrillWorld, tags: readonly string[]): Promise<void> {
  const orm = await openOrm(await resolveDatabaseTarget(world.db.url(world.database)), entities);
  try {
    const outbox = new Outbox(new RecipientRouter(['wecom-app']), systemClock);
    await orm.em.fork().transactional(async (tx) => {
      for (const [i, tag] of tags.entries()) {
        const recipientKey = `drill-u${i % RECIPIENTS}`;
        await outbox.enqueue(
          tx,
          { kind: 'address', channel: 'wecom-app', recipientKey },
          { kind: 'text', text: tag },
        );
      }
    });
  } finally {
    await orm.close();
  }
}
