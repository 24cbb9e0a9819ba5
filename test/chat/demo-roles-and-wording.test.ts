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
    expect(commands).toEqual(['帮助', '取消', '外发', '外发列表', '改回厂']);
    // 外发 as a partner may use it: moving their own orders, not making new ones.
    expect(help).toContain(
      '· 外发 <单号> <状态> — 更新您的外发单的状态，如「加工中」；送回时写「发回」和件数，可分批',
    );
    expect(help).toContain(
      '· 改回厂 <单号> <回厂时间> [<原因>] — 会晚到（或提前）时改预计回厂时间，写上原因，我们的跟单会收到通知',
    );
    expect(help).not.toContain('新建外发单');
    expect(help).not.toContain('外协厂说会晚到');
    const [coordinator] = texts(await app.as('sunli').say('帮助'));
    expect(coordinator).toContain('· 外发 [<外协厂> <物料> <数量> <回厂时间>] — 新建外发单');
  });

  it('still sees their own outsourcing orders, and only theirs', async () => {
    const [list] = texts(await app.as('chenshifu').say('外发列表'));
    expect(list).toContain('华美电镀');
    expect(list).not.toContain('恒力热处理');
    expect(list).not.toContain('精磨抛光');
  });

  it('我的工单 points each role at its own list, though 工单 is shorter and as near', async () => {
    const hint = (command: string) =>
      `没有「我的工单」这个命令。您是不是想说「${command}」？发送「帮助」查看可用命令。`;
    expect(texts(await app.as('gaoyuan').say('我的工单'))).toEqual([hint('我的维修')]);
    expect(texts(await app.as('zhangwei').say('我的工单'))).toEqual([hint('我的任务')]);
  });

  it('a worker may still open 工单 and 设备列表', async () => {
    expect(texts(await app.as('zhangwei').say('工单 WO-DEMO-001'))).toEqual(['<card>']);
    expect(texts(await app.as('zhangwei').say('设备列表'))[0]).toContain('CNC-01');
  });

  it('帮助 <命令> shows one command as the asker may use it, by any of its words, and refuses as the command would', async () => {
    const [one] = texts(await app.as('zhangwei').say('帮助 报工'));
    expect(one?.split('\n')).toEqual([
      '「完工」（也可以说：报工）',
      '用法：完工 <工单号> [<工序，如 工序10>] [<合格数>] [报废 <报废数>]',
      expect.stringMatching(/^报告合格数和报废数/),
    ]);
    expect(texts(await app.as('zhangwei').say('帮助 派工'))).toEqual([
      '「派工」只有班组长、车间主任可以使用。',
    ]);
    expect(texts(await app.as('zhangwei').say('帮助 完功'))).toEqual([
      '没有「完功」这个命令。您是不是想说「完工」？发送「帮助」查看可用命令。',
    ]);
    const [partner] = texts(await app.as('chenshifu').say('帮助 外发'));
    expect(partner).toContain('用法：外发 <单号> <状态>\n');
    expect(partner).not.toContain('外协厂');
    expect(texts(await app.as('chenshifu').say('帮助')).at(-1)).toContain('如「帮助 外发」。');
  });

  it('表单 without forms tells only the admin where forms are declared', async () => {
    expect(texts(await app.as('zhangwei').say('表单'))).toEqual(['还没有表单。']);
    expect(texts(await app.as('zhaolei').say('表单'))).toEqual([
      '还没有表单。表单在 factory.yaml 的 forms.list 里声明。',
    ]);
  });

  it('a link valid for a year shows the year it expires in', async () => {
    const [link] = texts(await app.as('lijianguo').say('看板链接'));
    expect(link).toMatch(/^外发看板链接（2027-11-24 10:00 前有效，适合车间大屏）：\n/);
    const [partnerLink] = texts(await app.as('sunli').say('外协链接 华美电镀'));
    expect(partnerLink).toContain('华美电镀 的专用链接（12-24 10:00 前有效，');
  });

  it('equipment types read in Chinese', async () => {
    const [plans] = texts(await app.as('lijianguo').say('保养计划'));
    expect(plans).toContain('【P2】冲床安全检查：所有「冲床」类设备，每 30 天，提前 3 天提醒，负责 冲压组');
  });

  it('a refused 开工 says 开工, not 报工', async () => {
    expect(texts(await app.as('liuyang').say('开工 WO-DEMO-001 车削'))).toEqual([
      'WO-DEMO-001 的「车削」分给了张伟，您不能为它开工。',
    ]);
  });

  // Last: it moves the clock on.
  it('a duration reads in 天/小时/分钟, not as 1814 分钟', async () => {
    const [raised] = texts(await app.as('zhangwei').say('异常 WO-DEMO-001 缺料'));
    const id = /E(\d+)/.exec(raised ?? '')?.[1];
    await app.as('wangfang').say(`处理 E${id}`);
    app.clock.advance(1814 * 60_000);
    expect(texts(await app.as('wangfang').say(`关闭 E${id}`))).toEqual([
      `异常 E${id} 已关闭，从上报到关闭用时 1 天 6 小时。`,
    ]);
  });
});
