import type { DemoContext } from '../demo/demo-context.js';
import type { Services } from '../services.js';
import type { Changer } from './deps.js';
import { createOutsourcingOrder } from './order-service.js';
import { moveTo } from './state-moves.js';
import { upsertPartner, type PartnerInput } from './partner-service.js';
import { recordQcCounts } from './qc-service.js';
import { recordQc, recordReturn } from './receiving-service.js';

/**
 * Three partners and a dozen outsourcing orders across the states, some late, so that
 * `看板` tells a story on a first run. 王老板 of the polishing shop has no chat account:
 * he gets the partner link and SMS. Times are relative to the seeding moment.
 */
export const demoPartners: PartnerInput[] = [
  {
    code: 'P-PLATING',
    name: '华美电镀',
    process: '电镀',
    contacts: [
      {
        id: 'chenshifu',
        name: '陈师傅',
        phone: '13800000101',
        wecom: 'chenshifu',
        dingtalk: 'chenshifu',
        primary: true,
      },
    ],
  },
  {
    code: 'P-HEAT',
    name: '恒力热处理',
    process: '热处理',
    contacts: [
      {
        id: 'lijingli',
        name: '李经理',
        phone: '13800000102',
        wecom: 'lijingli',
        dingtalk: 'lijingli',
        primary: true,
      },
    ],
  },
  {
    code: 'P-POLISH',
    name: '精磨抛光',
    process: '抛光',
    contacts: [{ id: 'wanglaoban', name: '王老板', phone: '13800000103', primary: true }],
  },
];

type Stage = 'shipped' | 'processing' | 'partly-back' | 'inspecting' | 'done';

/** [partner, product, quantity, shipped day, due day, due time, stage] */
const orders: Array<[string, string, number, number, number, string, Stage]> = [
  ['P-PLATING', 'FLG-300', 60, -5, -2, '17:00', 'processing'],
  ['P-PLATING', 'BRK-100', 500, -4, -1, '12:00', 'partly-back'],
  ['P-PLATING', 'BRK-100', 200, -2, 0, '17:00', 'shipped'],
  ['P-PLATING', 'PLT-400', 150, -1, 3, '17:00', 'processing'],
  ['P-HEAT', 'SHF-200', 120, -3, 0, '08:00', 'processing'],
  ['P-HEAT', 'PIN-500', 1000, -1, 1, '09:00', 'shipped'],
  ['P-HEAT', 'SHF-200', 50, 0, 5, '17:00', 'shipped'],
  ['P-POLISH', 'PIN-500', 300, -6, -3, '17:00', 'processing'],
  ['P-POLISH', 'PLT-400', 100, -2, 2, '17:00', 'processing'],
  ['P-HEAT', 'FLG-300', 40, -6, -2, '12:00', 'inspecting'],
  ['P-PLATING', 'BRK-100', 200, -7, -4, '17:00', 'done'],
  ['P-POLISH', 'SHF-200', 30, -7, -3, '12:00', 'done'],
];

/** A demo person's change, made through the console at a moment of the seeded week. */
const by = (personId: string, when: Date, partnerSide = false): Changer => ({
  personId,
  name: personId,
  channel: 'console',
  at: when,
  partnerSide,
});

export async function seedOutsourcing(ctx: DemoContext): Promise<void> {
  const { em, at } = ctx;
  await em.transactional(async (tx) => {
    for (const partner of demoPartners) await upsertPartner(tx, partner, at(-30, '09:00'));
  });
  for (const [partnerCode, productCode, quantity, shipped, dueDay, dueTime, stage] of orders) {
    await em.fork().transactional(async (tx) => {
      const deps: Services = ctx.unit(tx);
      const order = await createOutsourcingOrder(deps, by('sunli', at(shipped, '10:00')), {
        partnerCode,
        productCode,
        quantity,
        expectedReturnAt: at(dueDay, dueTime),
      });
      if (stage === 'shipped') return;
      const contact = order.contact?.id ?? 'sunli';
      moveTo(deps, order, 'processing', by(contact, at(shipped, '16:00'), true));
      if (stage === 'partly-back')
        recordReturn(deps, by('sunli', at(-1, '10:30')), order, Math.round(quantity * 0.4));
      if (stage !== 'inspecting' && stage !== 'done') return;
      recordReturn(deps, by('sunli', at(dueDay, '11:00')), order, quantity);
      if (stage === 'done') await recordQc(deps, by('zhouqiang', at(dueDay, '15:00')), order, 'pass', null);
    });
  }
  await seedComplaintLeg(ctx);
}

/**
 * The outsourcing leg of the demo's complaint story (see quality's demo): the first 30 turned
 * shafts of WO-DEMO-001 went to 恒力热处理 for 调质 and came back two days later; QC found one
 * with 热处理不良. `追溯 WO-DEMO-001` shows the partner, the dates and these counts.
 */
async function seedComplaintLeg(ctx: DemoContext): Promise<void> {
  const { at } = ctx;
  await ctx.em.fork().transactional(async (tx) => {
    const deps: Services = ctx.unit(tx);
    const order = await createOutsourcingOrder(deps, by('sunli', at(-4, '14:00')), {
      partnerCode: 'P-HEAT',
      productCode: 'SHF-200',
      quantity: 30,
      process: '调质',
      expectedReturnAt: at(-2, '12:00'),
      workOrderNumber: 'WO-DEMO-001',
    });
    moveTo(deps, order, 'processing', by(order.contact?.id ?? 'sunli', at(-4, '17:00'), true));
    recordReturn(deps, by('sunli', at(-2, '08:30')), order, 30);
    const qcAt = at(-2, '09:00');
    await recordQcCounts(deps, await ctx.actorOf(tx, 'zhouqiang', qcAt), by('zhouqiang', qcAt), order, {
      accepted: 29,
      concession: 0,
      rejected: 1,
      rework: 0,
      reason: deps.config.quality.rejectReasons.find((r) => r.code === 'H01'),
      note: '1 件弯曲变形',
    });
  });
}
