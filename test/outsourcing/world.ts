import { unitOf } from '../../src/app-services.js';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { outsourcingFeature } from '../../src/outsourcing/feature.js';
import { createOutsourcingOrder, type NewOutsourcingOrder } from '../../src/outsourcing/order-service.js';
import { OutsourcingOrder } from '../../src/outsourcing/outsourcing-order.entity.js';
import { upsertPartner } from '../../src/outsourcing/partner-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

/** The chat cast plus the outsourcing people, and reminder thresholds short enough to walk through. */
export const outsourcingYaml = `${castYaml.trimEnd()}
  - { id: sunli, name: 孙丽, roles: [coordinator], wecom: sunli }
  - { id: zhouqiang, name: 周强, roles: [qc], wecom: zhouqiang }
reminders: { warnHours: 4, repeatHours: 2, escalateHours: 4, supervisorHours: 8 }
`;

export interface World extends TestApp {
  as(personId: string): ConsoleSession;
  /** Creates an order as 孙丽 would; returns its number. */
  order(input?: Partial<NewOutsourcingOrder>): Promise<string>;
  load(number: string): Promise<OutsourcingOrder>;
  pushedTo(recipientKey: string): Promise<string[]>;
}

/**
 * Three partners: 华美电镀 (陈师傅, on WeCom), 恒力热处理 (李经理, on WeCom), 精磨抛光
 * (王老板, phone only); two products. The clock starts Monday 2026-11-23 08:00 Shanghai.
 */
export async function startWorld(options: TestAppOptions = {}): Promise<World> {
  const app = await startTestApp({
    factory: outsourcingYaml,
    features: [outsourcingFeature],
    ...options,
  });
  if (!options.db) {
    app.clock.set('2026-11-23T00:00:00Z');
    const em = app.orm.em.fork();
    const now = app.clock.now();
    await upsertPartner(
      em,
      {
        code: 'P-PLATING',
        name: '华美电镀',
        process: '电镀',
        contacts: [
          { id: 'chenshifu', name: '陈师傅', wecom: 'chenshifu', phone: '13800000101', primary: true },
        ],
      },
      now,
    );
    await upsertPartner(
      em,
      {
        code: 'P-HEAT',
        name: '恒力热处理',
        process: '热处理',
        contacts: [{ id: 'lijingli', name: '李经理', wecom: 'lijingli' }],
      },
      now,
    );
    await upsertPartner(
      em,
      {
        code: 'P-POLISH',
        name: '精磨抛光',
        process: '抛光',
        contacts: [{ id: 'wanglaoban', name: '王老板', phone: '13800000103' }],
      },
      now,
    );
    em.create(Item, { code: 'BTN-01', name: '金属纽扣', unit: '件', kind: 'finished' });
    em.create(Item, { code: 'BTN-02', name: '四合扣', unit: '件', kind: 'semi' });
    em.create(Item, { code: 'ZN-RAW', name: '锌合金', unit: 'kg', kind: 'raw' });
    await em.flush();
  }
  return Object.assign(app, {
    as: (personId: string) => new ConsoleSession(app.chat.engine, app.clock, personId),
    async order(input: Partial<NewOutsourcingOrder> = {}) {
      const em = app.orm.em.fork();
      const created = await em.transactional((tx) =>
        createOutsourcingOrder(
          unitOf(app.services, tx),
          { personId: 'sunli', name: '孙丽', channel: 'console', at: app.clock.now(), partnerSide: false },
          {
            partnerCode: 'P-PLATING',
            productCode: 'BTN-01',
            quantity: 5000,
            expectedReturnAt: new Date(app.clock.now().getTime() + 3 * 86_400_000),
            ...input,
          },
        ),
      );
      return created.number;
    },
    load: (number: string) =>
      app.orm.em.fork().findOneOrFail(OutsourcingOrder, { number }, { populate: ['partner', 'contact'] }),
    async pushedTo(recipientKey: string) {
      const rows = await app.orm.em.fork().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } });
      return rows.map((r) => textOf(r.content));
    },
  });
}

/** The first bytes of a JPEG from a phone camera, enough for the type check. */
export const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 2, 3,
]);

export function textOf(content: OutboundContent): string {
  return content.kind === 'text' || content.kind === 'markdown' ? content.text : `[${content.kind}]`;
}

export const texts = (replies: OutboundContent[]) => replies.map(textOf);
