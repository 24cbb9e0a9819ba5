import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { OUTSOURCING_REMINDERS_JOB } from '../../src/outsourcing/jobs/reminders.job.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { texts } from './world.js';

describe('outsourcing in the demo shop', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('看板 tells a story on first run: late plating and polishing, batches due soon, the rest on time', async () => {
    const [board] = texts(await app.as('sunli').say('看板'));
    const [red, yellow, green] = (board ?? '').split(/\n\n(?=\*\*)/).slice(1);
    expect(red?.split('\n')[0]).toBe('**🔴 逾期 4 单**');
    expect(red).toContain(
      '精磨抛光·抛光 定位销（PIN-500） 300 件，「加工中」，应回 11-21 17:00（已逾期 2 天 17 小时）',
    );
    expect(red).toContain(
      '华美电镀·电镀 安装支架（BRK-100） 500 件，「加工中」，应回 11-23 12:00，已回 200/500',
    );
    expect(yellow?.split('\n')[0]).toBe('**🟡 即将到期 2 单**');
    expect(green?.split('\n')[0]).toBe('**🟢 正常 4 单**');
    expect(green).toContain('（已回厂）');
  });

  it('the partners are bound: 陈师傅 sees only 华美电镀’s orders, and the first reminder scan chases the late ones', async () => {
    const [list] = texts(await app.as('chenshifu').say('外发列表'));
    expect(list?.split('\n')[0]).toBe('华美电镀 的未完成外发单 4 单：');
    const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === OUTSOURCING_REMINDERS_JOB);
    await job?.run({ data: undefined as never, jobId: 'demo', touch: async () => {} });
    const rows = await app.orm.em.fork().find(OutboxMessage, { dedupeKey: { $like: 'osr:%' } });
    const to = (key: string) => rows.filter((r) => r.recipientKey === key).length;
    // 王老板 has no chat account and no SMS is configured here: 孙丽 hears of his late batch.
    // Contacts: two late batches and one heads-up for 陈师傅, one of each for 李经理.
    expect([to('chenshifu'), to('lijingli'), to('wanglaoban')]).toEqual([3, 2, 0]);
    // Past 8 hours late: three escalations, plus 王老板's reminder; past 24 hours: two for the supervisor.
    expect([to('sunli'), to('lijianguo')]).toEqual([4, 2]);
  });
});
