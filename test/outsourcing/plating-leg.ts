import { expect } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { replaceRouting, upsertItem } from '../../src/workorders/master-data-service.js';
import type { DemoApp } from '../support/demo-app.js';

export const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/**
 * On the demo shop, item SHF-PL (镀锌轴) routed 车削 → 电镀 → 装配 and a released order of 100
 * for 宏达泵业: 张伟 has turned all 100, 装配 is dispatched to 刘洋, 电镀 waits for the partner.
 * Returns the order's number.
 */
export async function platingLegOrder(app: DemoApp): Promise<string> {
  const em = app.orm.em.fork();
  const item = await upsertItem(em, 'SHF-PL', { name: '镀锌轴' });
  await em.flush();
  await replaceRouting(em, item, [
    { sequence: 10, name: '车削', standardMinutes: 2 },
    { sequence: 20, name: '电镀', standardMinutes: 0 },
    { sequence: 30, name: '装配', standardMinutes: 1 },
  ]);
  const boss = app.as('lijianguo');
  const created = text(await boss.say('新建工单 SHF-PL 100 12-10 宏达泵业'));
  const wo = /WO-\d{8}-\d{3}/.exec(created)?.[0] ?? '';
  expect(wo, created).not.toBe('');
  await boss.say(`下达 ${wo}`);
  await boss.say(`派工 ${wo} 工序10 @张伟`);
  await boss.say(`派工 ${wo} 工序30 @刘洋`);
  await app.as('zhangwei').say(`完工 ${wo} 工序10 100`);
  return wo;
}
