import { setTimeout as sleep } from 'node:timers/promises';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { openOrm } from '../../src/db/orm.js';
import { seedDemo } from '../../src/demo/seed.js';
import { entities } from '../../src/entities.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { systemClock } from '../../src/shared/clock.js';
import {
  encryptedCallback,
  openReply,
  wecomEnv,
  type CallbackRequest,
} from '../../test/channels/wecom-app/callback-client.js';
import { AppProcess } from './app-process.js';
import type { ThrowawayMariadb } from './mariadb.js';
import { WecomGate } from './wecom-gate.js';

/** What WeCom saw of one callback after its own retries (protocols/wecom.md §3.5). */
export interface Delivery {
  /** Some attempt was answered 200: WeCom will not send it again. */
  acknowledged: boolean;
  /** The passive reply's text, when there was one. */
  reply: string;
}

const WECOM_WAITS_MS = 5_000;
const WECOM_ATTEMPTS = 3;

/**
 * One drill's world: a fresh database on the drill's MariaDB with the demo shop, the app
 * in a child process with the WeCom app channel pointed at the gated fake, and WeCom's
 * side of the callback.
 */
export class DrillWorld {
  private constructor(
    readonly db: ThrowawayMariadb,
    readonly database: string,
    readonly gate: WecomGate,
    readonly app: AppProcess,
    readonly apiKey: string,
  ) {}

  static async open(db: ThrowawayMariadb, database: string): Promise<DrillWorld> {
    await db.createDatabase(database);
    const orm = await openOrm(await resolveDatabaseTarget(db.url(database)), entities);
    let apiKey: string;
    try {
      await applyMigrations(orm);
      await seedDemo(orm.em.fork(), systemClock, 'Asia/Shanghai', defaultFactoryConfig);
      apiKey = await createApiKey(orm.em.fork(), 'drill', ['outsourcing:write'], new Date());
    } finally {
      await orm.close();
    }
    const gate = await WecomGate.start();
    const app = new AppProcess({ DATABASE_URL: db.url(database), ...wecomEnv(gate.baseUrl) });
    await app.start();
    return new DrillWorld(db, database, gate, app, apiKey);
  }

  /** Posts a callback as WeCom does: waits 5 s, retries a failure or a timeout, 3 attempts in all. */
  async deliver(request: CallbackRequest): Promise<Delivery> {
    for (let attempt = 1; attempt <= WECOM_ATTEMPTS; attempt++) {
      const answered = await fetch(`${this.app.baseUrl}/wecom/callback?${request.query}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: request.body,
        signal: AbortSignal.timeout(WECOM_WAITS_MS),
      }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
        () => ({ status: 0, body: '' }),
      );
      if (answered.status === 200) return { acknowledged: true, reply: replyText(answered.body) };
      await sleep(1_000);
    }
    return { acknowledged: false, reply: '' };
  }

  /** A person types a line into the app's 1:1 chat. */
  say(personId: string, xml: string): Promise<Delivery> {
    return this.deliver(encryptedCallback(xml));
  }

  async api(method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.app.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(this.database, sql, params);
  }

  /** Waits until the outbox has nothing left to try, or the limit passes. */
  async outboxSettled(limitMs: number): Promise<boolean> {
    const until = Date.now() + limitMs;
    while (Date.now() < until) {
      const [open] = await this.query<{ n: number }>(
        "select count(*) as n from outbox_messages where status in ('pending', 'sending')",
      );
      if (Number(open?.n) === 0) return true;
      await sleep(500);
    }
    return false;
  }

  async close(): Promise<void> {
    await this.app.stop();
    await this.gate.close();
  }
}

function replyText(body: string): string {
  if (body === '') return '';
  const reply = openReply(body);
  return reply.MsgType === 'text' ? String(reply.Content) : '';
}
