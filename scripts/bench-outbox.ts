/**
 * `npm run bench:outbox`: 2,500 queued messages to 500 WeCom members drained by the real
 * dispatcher on MariaDB against the fake WeCom answering every call in 50 ms; while that
 * backlog drains, one message to a member with nothing queued. Prints how long the drain took
 * (goal ≤ 60 s) and how long the newcomer waited (goal ≤ 2 s), and that nobody got a copy twice.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { OutboxMessage } from '../src/chat/outbox/outbox-message.entity.js';
import { readSettings } from '../src/config/env.js';
import { parseFactoryConfig } from '../src/config/factory-loader.js';
import { createScratchMysql } from '../src/db/scratch-database.js';
import { features } from '../src/features.js';
import { systemClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { WECOM, wecomEnv } from '../test/channels/wecom-app/callback-client.js';
import { startFakeWecom } from '../test/fakes/wecom-api/server.js';

const RECIPIENTS = 500;
const PER_RECIPIENT = 5;
const LATENCY_MS = 50;
const NEWCOMER_AFTER_MS = 3_000;
const BASE = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

const fake = await startFakeWecom({
  corpId: WECOM.corpId,
  secret: 'app-secret',
  agentId: Number(WECOM.agentId),
  latencyMs: LATENCY_MS,
});
const db = await createScratchMysql(BASE, 'sfb_bench_outbox');
const app = await createApp(
  {
    settings: readSettings({
      ...wecomEnv(fake.baseUrl),
      DATABASE_URL: db.url,
      AUTO_MIGRATE: 'true',
      CONSOLE_CHANNEL: 'false',
    }),
    factory: parseFactoryConfig(
      'people:\n  - { id: zhangwei, name: 张伟, roles: [worker], wecom: zhangwei }\n',
    ),
    clock: systemClock,
    logger: createLogger('silent'),
  },
  { features, background: false },
);
const { outbox, dispatcher } = app.chat ?? failWith('the chat is not assembled');
const toMember = (member: string, text: string) =>
  app.orm.em.fork().transactional(async (tx) => {
    await outbox.enqueue(
      tx,
      { kind: 'address', channel: 'wecom-app', recipientKey: member },
      { kind: 'text', text },
    );
  });
const unsent = () => app.orm.em.fork().count(OutboxMessage, { status: { $ne: 'sent' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  await app.orm.em.fork().transactional(async (tx) => {
    for (let round = 1; round <= PER_RECIPIENT; round += 1)
      for (let r = 1; r <= RECIPIENTS; r += 1)
        await outbox.enqueue(
          tx,
          { kind: 'address', channel: 'wecom-app', recipientKey: `member${r}` },
          { kind: 'text', text: `第 ${round} 条给 ${r} 号` },
        );
  });
  console.log(
    `queued ${await unsent()} messages to ${RECIPIENTS} members; WeCom answers in ${LATENCY_MS} ms`,
  );

  const started = performance.now();
  dispatcher.start(200);
  await sleep(NEWCOMER_AFTER_MS);
  const backlogLeft = await unsent();
  const queuedAt = performance.now();
  await toMember('newcomer', '空闲的人也要马上收到');
  while (fake.deliveriesTo('newcomer') === 0) await sleep(10);
  const newcomerWait = (performance.now() - queuedAt) / 1000;
  while ((await unsent()) > 0) await sleep(100);
  const drained = (performance.now() - started) / 1000;
  await dispatcher.stop();

  const perMember = new Map<string, number>();
  for (const body of fake.delivered('/cgi-bin/message/send'))
    perMember.set(String(body.touser), (perMember.get(String(body.touser)) ?? 0) + 1);
  const twice = [...perMember.values()].filter((n) => n > PER_RECIPIENT).length;
  console.log(`drained ${RECIPIENTS * PER_RECIPIENT + 1} messages in ${drained.toFixed(1)} s (goal ≤ 60 s)`);
  console.log(
    `newcomer queued with ${backlogLeft} still unsent left after ${newcomerWait.toFixed(2)} s (goal ≤ 2 s)`,
  );
  console.log(`members who got a message twice: ${twice}; WeCom calls: ${fake.recorded.length}`);
} finally {
  await app.close();
  await fake.close();
  await db.drop();
}

function failWith(message: string): never {
  throw new Error(message);
}
