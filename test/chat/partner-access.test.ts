import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { RepairTicket } from '../../src/equipment/repairs/repair-ticket.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
const staffOnly = (command: string) =>
  `「${command}」只供厂内人员使用。外协厂联系人可以查看和更新自己的外发单，发送「帮助」查看可用命令。`;

describe('a partner contact (陈师傅 of 华美电镀) in the demo shop', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('is refused the factory-internal commands, in Chinese, and reports no repair', async () => {
    const chen = app.as('chenshifu');
    expect(texts(await chen.say('工单 WO-DEMO-001'))).toEqual([staffOnly('工单')]);
    expect(texts(await chen.say('设备列表'))).toEqual([staffOnly('设备列表')]);
    expect(texts(await chen.say('排行'))).toEqual([staffOnly('排行')]);
    const before = await app.orm.em.fork().count(RepairTicket, {});
    expect(texts(await chen.say('报修 CNC-01 漏油'))).toEqual([staffOnly('报修')]);
    expect(await app.orm.em.fork().count(RepairTicket, {})).toBe(before);
  });

  it('帮助 lists only the commands about their own outsourcing orders', async () => {
    const [help] = texts(await app.as('chenshifu').say('帮助'));
    const commands = (help ?? '')
      .split('\n')
      .filter((l) => l.startsWith('· '))
      .map((l) => l.slice(2).split(/[ —]/)[0]);
    expect(commands).toEqual(['帮助', '取消', '外发', '外发列表']);
  });

  it('still sees their own outsourcing orders, and only theirs', async () => {
    const [list] = texts(await app.as('chenshifu').say('外发列表'));
    expect(list).toContain('华美电镀');
    expect(list).not.toContain('恒力热处理');
    expect(list).not.toContain('精磨抛光');
  });

  it('a worker may still open 工单 and 设备列表', async () => {
    expect(texts(await app.as('zhangwei').say('工单 WO-DEMO-001'))).toEqual(['<card>']);
    expect(texts(await app.as('zhangwei').say('设备列表'))[0]).toContain('CNC-01');
  });
});
