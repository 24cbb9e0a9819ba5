import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { ReturnReceipt } from '../../src/outsourcing/return-receipt.entity.js';
import { outsourcingYaml, startWorld, texts, type World } from './world.js';

describe('outsourcing orders in chat', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world.stop();
  });

  const history = async (number: string) =>
    (
      await world.orm.em
        .fork()
        .find(OutsourcingStateChange, { order: { number } }, { orderBy: { id: 'asc' } })
    ).map((c) => [c.fromState, c.toState, c.actorId, c.channel, c.note]);

  it('外发 asks only for what is missing, with the partners as a numbered list', async () => {
    const sunli = world.as('sunli');
    expect(texts(await sunli.say('外发 BTN-01 五千'))).toEqual([
      '发给哪家外协厂？回复序号或名称：\n1. 恒力热处理（热处理）\n2. 华美电镀（电镀）\n3. 精磨抛光（抛光）',
    ]);
    expect(texts(await sunli.say('2'))).toEqual(['预计哪天回厂？例如「11-28」或「11-28 14:00」。']);
    expect(texts(await sunli.say('11月31日'))).toEqual([
      '「11月31日」不是有效的回厂时间，请写成 11-28、11-28 14:00 或「明天 14:00」。',
      '预计哪天回厂？例如「11-28」或「11-28 14:00」。',
    ]);
    const [created] = texts(await sunli.say('11-28 14:00'));
    const number = /OS-\d{8}-\d{3}/.exec(created ?? '')?.[0] ?? '';
    expect(created).toBe(
      `已建外发单 ${number}：华美电镀·电镀 金属纽扣（BTN-01） 5000 件，应回 11-28 14:00。`,
    );
    expect(await world.load(number)).toMatchObject({
      quantity: 5000,
      state: 'shipped',
      process: '电镀',
      shipDate: '2026-11-23',
      expectedReturnAt: new Date('2026-11-28T06:00:00Z'),
      contact: { id: 'chenshifu' },
      coordinator: { id: 'sunli' },
    });
    expect(await world.pushedTo('chenshifu')).toContain(
      `📦 新外发单 ${number}：金属纽扣（BTN-01） 5000 件（电镀），请于 11-28 14:00 前送回。收到后请回复「外发 ${number} 加工中」。`,
    );
    expect(await history(number)).toEqual([[null, 'shipped', 'sunli', 'console', null]]);
  });

  it('a return expected in another year says which year', async () => {
    const [line] = texts(await world.as('sunli').say('外发 精磨抛光 BTN-02 30 2027-01-05'));
    expect(line).toMatch(
      /^已建外发单 OS-\d{8}-\d{3}：精磨抛光·抛光 四合扣（BTN-02） 30 件，应回 2027-01-05 17:00。$/,
    );
  });

  it('外发 with everything on one line creates the order at once; products can be picked from the list', async () => {
    const [line] = texts(await world.as('sunli').say('外发 精磨抛光 BTN-02 300 11-30'));
    expect(line).toMatch(
      /^已建外发单 OS-\d{8}-\d{3}：精磨抛光·抛光 四合扣（BTN-02） 300 件，应回 11-30 17:00。$/,
    );
    const [byName] = texts(await world.as('sunli').say('外发 精磨抛光 四合扣 20 11-30'));
    expect(byName).toMatch(
      /^已建外发单 OS-\d{8}-\d{3}：精磨抛光·抛光 四合扣（BTN-02） 20 件，应回 11-30 17:00。$/,
    );
    // The day may be named, and its hour given.
    const tomorrow = new Date(world.clock.now().getTime() + 86_400_000)
      .toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
      .slice(5);
    const [named] = texts(await world.as('sunli').say('外发 精磨抛光 四合扣 20 明天 10:00'));
    expect(named).toMatch(new RegExp(`20 件，应回 ${tomorrow} 10:00。$`));
    const sunli = world.as('sunli');
    expect(texts(await sunli.say('外发 恒力热处理'))).toEqual([
      '外发哪个产品？回复序号、产品编码或名称：\n1. BTN-01 金属纽扣\n2. BTN-02 四合扣',
    ]);
    // The item's name is an answer too; part of it is offered the items it names, and asked again.
    expect(texts(await sunli.say('纽扣'))[0]).toBe(
      '没有物料「纽扣」。是这些之一吗：BTN-01 金属纽扣？请写完整的编码或名称。',
    );
    expect(texts(await sunli.say('金属纽扣'))).toEqual(['金属纽扣 外发多少件？']);
    await sunli.say('取消');
    await sunli.say('外发 恒力热处理');
    expect(texts(await sunli.say('1'))).toEqual(['金属纽扣 外发多少件？']);
    expect(texts(await sunli.say('很多'))).toEqual([
      '「很多」不是有效的数量，请输入正整数，例如 5000。',
      '金属纽扣 外发多少件？',
    ]);
    await sunli.say('800');
    expect(texts(await sunli.say('12-01 9:30'))[0]).toMatch(
      /恒力热处理·热处理 金属纽扣（BTN-01） 800 件，应回 12-01 09:30。$/,
    );
  });

  it('a partner moves their own order along; the coordinator hears of it', async () => {
    const number = await world.order();
    expect(texts(await world.as('chenshifu').say(`外发 ${number} 加工中`))).toEqual([
      `${number}：「已发货」→「加工中」。`,
    ]);
    expect(await world.pushedTo('sunli')).toContain(
      `🔄 陈师傅 将外发单 ${number} 从「已发货」改为「加工中」。`,
    );
    expect((await history(number)).at(-1)).toEqual(['shipped', 'processing', 'chenshifu', 'console', null]);
    // 发回, as a partner says it and as their page's button reads: the returned state, with the count.
    expect(texts(await world.as('chenshifu').say(`外发 ${number} 发回 1000`))).toEqual([
      `已登记：${number} 发回 1000 件，累计 1000/5000，还差 4000 件。`,
    ]);
    expect(await world.load(number)).toMatchObject({ state: 'processing', returnedQuantity: 1000 });
  });

  it('an invalid transition is refused with the allowed ones listed, and an unknown state with the list of states', async () => {
    const number = await world.order();
    expect(texts(await world.as('sunli').say(`外发 ${number} 已完成`))).toEqual([
      `${number} 现在是「已发货」，不能改为「已完成」。可以改为：加工中。`,
    ]);
    expect(texts(await world.as('sunli').say(`外发 ${number} 发货中`))).toEqual([
      '没有「发货中」这个状态。可用的状态：已发货、加工中、待质检、已完成。',
    ]);
    expect((await world.load(number)).state).toBe('shipped');
  });

  it('外发 with only an order number says where it stands and what it may move to, instead of taking it for a partner', async () => {
    const number = await world.order();
    expect(texts(await world.as('sunli').say(`外发 ${number.toLowerCase()}`))).toEqual([
      `${number} 现在是「已发货」。要改状态请写：外发 ${number} <状态>，可以改为：加工中。`,
    ]);
    // A partner is told only about their own orders.
    expect(texts(await world.as('lijingli').say(`外发 ${number}`))).toEqual([
      `没有找到外发单「${number}」。发送「外发列表」查看。`,
    ]);
    expect((await world.load(number)).state).toBe('shipped');
  });

  it('a partner can neither see nor change another partner’s order, nor create one', async () => {
    const plating = await world.order();
    const heat = await world.order({ partnerCode: 'P-HEAT', quantity: 70 });
    const lijingli = world.as('lijingli');
    expect(texts(await lijingli.say(`外发 ${plating} 加工中`))).toEqual([
      `没有找到外发单「${plating}」。发送「外发列表」查看。`,
    ]);
    expect((await world.load(plating)).state).toBe('shipped');
    const [list] = texts(await lijingli.say('外发列表 华美电镀'));
    expect(list).toContain(heat);
    expect(list).not.toContain('华美电镀');
    expect(texts(await lijingli.say('外发 BTN-01 100'))).toEqual([
      '外协厂可以更新自己外发单的状态：外发 <单号> <状态>。发送「外发列表」查看您的外发单。',
    ]);
    expect(texts(await lijingli.say(`回厂 ${heat} 70`))).toEqual([
      '「回厂」只有外协跟单、质检员、车间主任可以使用。',
    ]);
  });

  it('回厂 tracks partial returns; the last part moves the order to 待质检', async () => {
    const number = await world.order({ quantity: 5000 });
    const sunli = world.as('sunli');
    expect(texts(await sunli.say(`回厂 ${number} 2000`))).toEqual([
      `已登记 ${number} 回厂 2000 件，累计 2000/5000，还差 3000 件。`,
    ]);
    expect(texts(await sunli.say(`回厂 ${number} 4000`))).toEqual([
      `回厂数量超出：${number} 还有 3000 件未回，您登记了 4000 件。`,
    ]);
    world.clock.advance(3_600_000);
    expect(texts(await sunli.say(`回厂 ${number} 3000`))).toEqual([
      `已登记 ${number} 回厂 3000 件，全部到齐，状态改为「待质检」。`,
    ]);
    expect(await world.load(number)).toMatchObject({
      state: 'inspecting',
      returnedQuantity: 5000,
      actualReturnAt: world.clock.now(),
    });
    const receipts = await world.orm.em
      .fork()
      .find(ReturnReceipt, { order: { number } }, { orderBy: { id: 'asc' } });
    expect(receipts.map((r) => r.quantity)).toEqual([2000, 3000]);
    expect(texts(await world.as('chenshifu').say(`外发 ${number} 加工中`))).toEqual([
      `${number} 已经回厂了（现在是「待质检」）。`,
    ]);
  });

  it('a second 回厂 of the same count within half an hour asks whether it is another batch', async () => {
    const number = await world.order({ quantity: 3000 });
    await world.as('sunli').say(`回厂 ${number} 1000`);
    const zhouqiang = world.as('zhouqiang');
    world.clock.advance(10 * 60_000);
    const question = `孙丽已登记过 ${number} 回厂 1000 件。这是又回来的另一批吗？回复「是」再登记 1000 件，回复「否」不登记。`;
    const asked = texts(await zhouqiang.say(`回厂 ${number} 1000`));
    expect(asked).toEqual([expect.stringMatching(/^\d\d-\d\d \d\d:\d\d /)]);
    expect(asked[0]?.slice(12)).toBe(question);
    expect(texts(await zhouqiang.say('否'))).toEqual([`好的，${number} 这次没有登记回厂。`]);
    expect(await world.load(number)).toMatchObject({ returnedQuantity: 1000 });

    await zhouqiang.say(`回厂 ${number} 1000`);
    expect(texts(await zhouqiang.say('嗯'))[0]?.slice(12)).toBe(question);
    expect(texts(await zhouqiang.say('是'))).toEqual([
      `已登记 ${number} 回厂 1000 件，累计 2000/3000，还差 1000 件。`,
    ]);
    // Half an hour on, the same count is another delivery.
    world.clock.advance(31 * 60_000);
    expect(texts(await zhouqiang.say(`回厂 ${number} 1000`))).toEqual([
      `已登记 ${number} 回厂 1000 件，全部到齐，状态改为「待质检」。`,
    ]);
  });

  it('质检 needs the batch back; 不合格 tells the coordinator, 合格 closes the order', async () => {
    const number = await world.order({ quantity: 100 });
    const zhouqiang = world.as('zhouqiang');
    expect(texts(await zhouqiang.say(`质检 ${number} 合格`))).toEqual([
      `${number} 还没有回厂（现在是「已发货」），不能质检。请先登记「回厂」。`,
    ]);
    await world.as('sunli').say(`回厂 ${number} 100`);
    expect(texts(await zhouqiang.say(`质检 ${number} 不合格 镀层起泡`))).toEqual([
      `已登记 ${number} 质检不合格，状态「待质检」。`,
    ]);
    expect(await world.pushedTo('sunli')).toContain(
      `❌ 外发单 ${number}（华美电镀）质检不合格：镀层起泡。请与外协厂联系返工或处理。`,
    );
    expect(texts(await zhouqiang.say(`质检 ${number} 让步`))).toEqual([
      `已登记 ${number} 质检让步接收，状态「已完成」。`,
    ]);
    expect(await world.load(number)).toMatchObject({ state: 'done', qcResult: 'concession' });
    expect(texts(await world.as('sunli').say(`外发 ${number}`))).toEqual([
      `${number} 现在是「已完成」。已经结束，不能再改状态。`,
    ]);
    expect((await history(number)).slice(-2)).toEqual([
      ['inspecting', 'inspecting', 'zhouqiang', 'console', 'qc:fail 镀层起泡'],
      ['inspecting', 'done', 'zhouqiang', 'console', 'qc:concession'],
    ]);
  });

  it('moving into 待质检 is a 回厂: it needs the quantity, a part keeps the order out and chased, 回厂 takes the rest', async () => {
    const number = await world.order({ quantity: 300 });
    const chenshifu = world.as('chenshifu');
    await chenshifu.say(`外发 ${number} 加工中`);
    expect(texts(await chenshifu.say(`外发 ${number} 待质检`))).toEqual([
      `请填写 ${number} 发回多少件（还有 300 件没有发回）。`,
    ]);
    expect(texts(await world.as('sunli').say(`外发 ${number} 待质检`))).toEqual([
      `改为「待质检」就是回厂，请写上回来的件数：外发 ${number} 待质检 <件数>（还有 300 件未回）。`,
    ]);
    expect(await world.load(number)).toMatchObject({ state: 'processing', returnedQuantity: 0 });
    expect(texts(await chenshifu.say(`外发 ${number} 待质检 120`))).toEqual([
      `已登记：${number} 发回 120 件，累计 120/300，还差 180 件。`,
    ]);
    expect(await world.pushedTo('sunli')).toContain(
      `🚚 陈师傅 发回外发单 ${number} 120 件，累计 120/300，还差 180 件。`,
    );
    expect(await world.load(number)).toMatchObject({
      state: 'processing',
      returnedQuantity: 120,
      actualReturnAt: null,
    });
    const [line] = texts(await world.as('sunli').say('看板'));
    expect(line).toContain(`${number} 华美电镀·电镀 金属纽扣（BTN-01） 300 件，「加工中」`);
    expect(line).toContain('已回 120/300');
    expect(texts(await world.as('sunli').say(`回厂 ${number} 180`))).toEqual([
      `已登记 ${number} 回厂 180 件，全部到齐，状态改为「待质检」。`,
    ]);
    expect(await world.load(number)).toMatchObject({ state: 'inspecting', returnedQuantity: 300 });
    const receipts = await world.orm.em
      .fork()
      .find(ReturnReceipt, { order: { number } }, { orderBy: { id: 'asc' } });
    expect(receipts.map((r) => [r.quantity, r.actorId])).toEqual([
      [120, 'chenshifu'],
      [180, 'sunli'],
    ]);
  });
});

describe('outsourcing rework', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      factory: `${outsourcingYaml}outsourcing:\n  transitions: { shipped: [processing], processing: [inspecting], inspecting: [done, processing] }\n`,
    });
  });
  afterAll(async () => {
    await world.stop();
  });

  it('sent back for rework, the batch is out again: its return is counted afresh', async () => {
    const number = await world.order({ quantity: 100 });
    const sunli = world.as('sunli');
    await sunli.say(`外发 ${number} 加工中`);
    expect(texts(await sunli.say(`外发 ${number} 待质检 100`))).toEqual([
      `已登记 ${number} 回厂 100 件，全部到齐，状态改为「待质检」。`,
    ]);
    expect(texts(await sunli.say(`回厂 ${number} 1`))).toEqual([
      `${number} 已经回厂了（现在是「待质检」）。`,
    ]);
    await sunli.say(`外发 ${number} 加工中`);
    expect(await world.load(number)).toMatchObject({ state: 'processing', returnedQuantity: 0 });
    expect(texts(await sunli.say(`回厂 ${number} 100`))).toEqual([
      `已登记 ${number} 回厂 100 件，全部到齐，状态改为「待质检」。`,
    ]);
  });
});
