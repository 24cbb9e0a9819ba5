import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutsourcingPhoto } from '../../src/outsourcing/photo.entity.js';
import { MediaFile } from '../../src/shared/media/media-file.entity.js';
import { OutsourcingStateChange } from '../../src/outsourcing/state-change.entity.js';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import { formatDateTime } from '../../src/shared/display.js';
import { inZone } from '../../src/shared/time.js';
import { JPEG, outsourcingYaml, startWorld, texts, type World } from './world.js';

describe('the partner link page and the board page', () => {
  let world: World;
  let photoDir: string;
  beforeAll(async () => {
    photoDir = mkdtempSync(join(tmpdir(), 'sfb-photos-'));
    world = await startWorld({
      factory: `${outsourcingYaml}outsourcing: { linkDays: 7 }\nmedia: { dir: '${photoDir}' }\n`,
    });
  });
  afterAll(async () => {
    await world.stop();
    rmSync(photoDir, { recursive: true, force: true });
  });

  const linkFor = async (partner: string) => {
    const [reply] = texts(await world.as('sunli').say(`外协链接 ${partner}`));
    const url = /http:\/\/localhost:3000(\/p\/[A-Za-z0-9_-]+)/.exec(reply ?? '');
    if (!url?.[1]) throw new Error(`no link in ${reply}`);
    return url[1];
  };
  const get = async (path: string) => {
    const res = await fetch(`${world.baseUrl}${path}`, { redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  };
  const post = async (path: string, to: string, photo?: Uint8Array, quantity?: string) => {
    const form = new FormData();
    form.set('to', to);
    if (quantity !== undefined) form.set('quantity', quantity);
    if (photo) form.set('photo', new Blob([photo], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const res = await fetch(`${world.baseUrl}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };

  const postReturn = async (path: string, at: string, reason?: string) => {
    const form = new FormData();
    form.set('at', at);
    if (reason !== undefined) form.set('reason', reason);
    const res = await fetch(`${world.baseUrl}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };

  it('a partner without a chat account opens their link and sees only their own open orders', async () => {
    const own = await world.order({ partnerCode: 'P-POLISH', quantity: 300 });
    const other = await world.order({ partnerCode: 'P-PLATING' });
    const page = await get(await linkFor('精磨抛光'));
    expect(page.status).toBe(200);
    expect(page.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.html).toContain('精磨抛光 · 外发单');
    expect(page.html).toContain(`data-order="${own}"`);
    expect(page.html).toContain('改为「加工中」');
    expect(page.html).not.toContain(other);
  });

  it('moves an order to the next state with a photo; the coordinator hears of it in chat', async () => {
    const number = await world.order({ partnerCode: 'P-POLISH', quantity: 300 });
    const link = await linkFor('精磨抛光');
    expect(await post(`${link}/orders/${number}`, 'processing')).toMatchObject({ status: 303 });
    const moved = await post(`${link}/orders/${number}`, 'inspecting', JPEG, '300');
    expect(moved).toMatchObject({ status: 303, location: `${link}?done=${number}&sent=300` });
    expect((await get(`${link}?done=${number}&sent=300`)).html).toContain(
      `已登记：${number} 发回 300 件，已全部发回。`,
    );
    const order = await world.load(number);
    expect(order).toMatchObject({ state: 'inspecting', actualReturnAt: world.clock.now() });
    const [change] = await world.orm.em.fork().find(OutsourcingStateChange, { order, toState: 'inspecting' });
    expect(change).toMatchObject({ fromState: 'processing', actorId: 'wanglaoban', channel: 'link' });
    const [photo] = await world.orm.em.fork().find(OutsourcingPhoto, { order });
    expect(photo).toMatchObject({
      contentType: 'image/jpeg',
      bytes: JPEG.length,
      stateChange: { id: change?.id },
      media: { id: expect.any(Number) },
    });
    // Kept in the media store (media.dir), by its hash.
    expect(readFileSync(join(photoDir, photo?.path ?? 'missing'))).toEqual(Buffer.from(JPEG));
    const told = (await world.pushedTo('sunli')).at(-1) ?? '';
    const [said, linked] = told.split('\n');
    expect(said).toBe(
      `🚚 王老板（精磨抛光） 发回外发单 ${number} 300 件，累计 300/300，已全部发回，状态改为「待质检」，附照片 1 张。`,
    );
    // The coordinator's message links the photo, signed and expiring, like every photo in chat.
    const path = /^📷 照片：http:\/\/localhost:3000(\/downloads\/media\/\S+)$/.exec(linked ?? '')?.[1];
    const opened = await fetch(`${world.baseUrl}${path}`);
    expect([opened.status, Buffer.from(await opened.arrayBuffer())]).toEqual([200, Buffer.from(JPEG)]);
  });

  it('sending back asks how many pieces in the partner’s words; a part stays on the page and on the board as not back', async () => {
    const number = await world.order({
      partnerCode: 'P-POLISH',
      quantity: 300,
      expectedReturnAt: new Date(world.clock.now().getTime() - 3_600_000),
    });
    const link = await linkFor('精磨抛光');
    await post(`${link}/orders/${number}`, 'processing');
    const page = (await get(link)).html;
    expect(page).toContain('发回多少件');
    expect(page).toContain('确认发回');
    expect(page).not.toContain('改为「待质检」');
    const missing = await post(`${link}/orders/${number}`, 'inspecting', undefined, '');
    expect(missing.status).toBe(422);
    expect(missing.html).toContain(`请填写 ${number} 发回多少件（还有 300 件没有发回）。`);
    const over = await post(`${link}/orders/${number}`, 'inspecting', undefined, '500');
    expect(over.html).toContain(`${number} 还有 300 件没有发回，您填写了 500 件，请核对。`);
    const junk = await post(`${link}/orders/${number}`, 'inspecting', undefined, '很多');
    expect(junk.html).toContain('「很多」不是有效的件数，请填写发回多少件，例如 300。');
    expect(await world.load(number)).toMatchObject({ state: 'processing', returnedQuantity: 0 });

    const part = await post(`${link}/orders/${number}`, 'inspecting', undefined, '120');
    expect(part).toMatchObject({ status: 303, location: `${link}?done=${number}&sent=120` });
    const after = (await get(`${link}?done=${number}&sent=120`)).html;
    expect(after).toContain(`已登记：${number} 发回 120 件，还差 180 件。`);
    expect(after).toContain('已发回 120/300 件');
    expect(after).toContain('value="180"');
    expect(await world.load(number)).toMatchObject({
      state: 'processing',
      returnedQuantity: 120,
      actualReturnAt: null,
    });
    expect(await world.pushedTo('sunli')).toContain(
      `🚚 王老板（精磨抛光） 发回外发单 ${number} 120 件，累计 120/300，还差 180 件。`,
    );

    const [reply] = texts(await world.as('sunli').say('看板链接'));
    const board = await get(/(\/board\/outsourcing\?token=[A-Za-z0-9_-]+)/.exec(reply ?? '')?.[1] ?? '');
    const red = board.html.split('data-colour="red"')[1]?.split('</section>')[0] ?? '';
    const row = red.split(`data-order="${number}"`)[1]?.split('</li>')[0] ?? '';
    expect(row).toContain('<span class="state">加工中</span>');
    expect(row).toContain('<span class="returned">已回 120/300</span>');
    expect(row).toContain('已逾期 1 小时');
  });

  it('refuses another partner’s order, a move the rules do not allow, and a file that is not a photo, changing nothing', async () => {
    const other = await world.order({ partnerCode: 'P-PLATING' });
    const own = await world.order({ partnerCode: 'P-POLISH', quantity: 10 });
    const link = await linkFor('精磨抛光');
    const mediaFiles = () => world.orm.em.fork().count(MediaFile, {});
    const filesBefore = await mediaFiles();
    const foreign = await post(`${link}/orders/${other}`, 'processing', new Uint8Array([...JPEG, 9]));
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain(`没有找到外发单「${other}」`);
    expect((await world.load(other)).state).toBe('shipped');
    const skip = await post(`${link}/orders/${own}`, 'done');
    expect(skip.html).toContain(`${own} 现在是「已发货」，不能改为「已完成」。可以改为：加工中。`);
    const notPhoto = await post(
      `${link}/orders/${own}`,
      'processing',
      new TextEncoder().encode('MZ not an image'),
    );
    expect(notPhoto.status).toBe(415);
    expect((await world.load(own)).state).toBe('shipped');
    expect(
      await world.orm.em.fork().count(OutsourcingPhoto, { order: { number: { $in: [own, other] } } }),
    ).toBe(0);
    expect(await mediaFiles()).toBe(filesBefore);
  });

  it('a partner moves the expected return from the page: the coordinator is told and the audit log keeps who, from when, to when and why', async () => {
    const number = await world.order({ partnerCode: 'P-POLISH' });
    const link = await linkFor('精磨抛光');
    const before = (await world.load(number)).expectedReturnAt;
    const local = (at: Date) => inZone(at, 'Asia/Shanghai').format('YYYY-MM-DDTHH:mm');
    const card = (await get(link)).html.split(`data-order="${number}"`)[1]?.split('</section>')[0] ?? '';
    expect(card).toContain(`action="${link}/orders/${number}/return"`);
    expect(card).toContain(`name="at" required value="${local(before)}"`);

    const later = new Date(before.getTime() + 2 * 86_400_000 + 3_600_000);
    const moved = await postReturn(`${link}/orders/${number}/return`, local(later), '电镀线检修');
    expect(moved).toMatchObject({ status: 303, location: `${link}?rescheduled=${number}` });
    const shown = formatDateTime(later, world.clock.now(), 'Asia/Shanghai');
    expect((await get(`${link}?rescheduled=${number}`)).html).toContain(
      `已改：${number} 预计 ${shown} 回厂，已通知我们的跟单。`,
    );
    const order = await world.load(number);
    expect(order.expectedReturnAt).toEqual(later);
    expect((await world.pushedTo('sunli')).at(-1)).toBe(
      `🕒 王老板（精磨抛光） 把外发单 ${number} 的预计回厂从 ${formatDateTime(before, world.clock.now(), 'Asia/Shanghai')} 改为 ${shown}（电镀线检修）。`,
    );
    const [audit] = await world.orm.em
      .fork()
      .find(AuditEntry, { action: 'outsourcing.return_rescheduled', subjectId: String(order.id) });
    expect(audit).toMatchObject({
      actorId: 'wanglaoban',
      channel: 'link',
      details: { number, from: before.toISOString(), to: later.toISOString(), reason: '电镀线检修' },
    });
  });

  it('refuses a past return time, an overlong reason and another partner’s order from the page, changing nothing', async () => {
    const own = await world.order({ partnerCode: 'P-POLISH' });
    const other = await world.order({ partnerCode: 'P-PLATING' });
    const link = await linkFor('精磨抛光');
    const local = (at: Date) => inZone(at, 'Asia/Shanghai').format('YYYY-MM-DDTHH:mm');
    const { expectedReturnAt } = await world.load(own);
    const otherReturn = (await world.load(other)).expectedReturnAt;
    const past = await postReturn(
      `${link}/orders/${own}/return`,
      local(new Date(world.clock.now().getTime() - 3_600_000)),
    );
    expect(past.status).toBeGreaterThanOrEqual(400);
    expect(past.html).toContain('已经过去了');
    const wordy = await postReturn(
      `${link}/orders/${own}/return`,
      local(new Date(expectedReturnAt.getTime() + 86_400_000)),
      '晚'.repeat(101),
    );
    expect(wordy.html).toContain('原因最多 100 个字，请写短一些。');
    const garbled = await postReturn(`${link}/orders/${own}/return`, '下周吧');
    expect(garbled.html).toContain('「下周吧」');
    expect((await world.load(own)).expectedReturnAt).toEqual(expectedReturnAt);
    const foreign = await postReturn(
      `${link}/orders/${other}/return`,
      local(new Date(expectedReturnAt.getTime() + 86_400_000)),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.html).toContain(`没有找到外发单「${other}」`);
    expect((await world.load(other)).expectedReturnAt).toEqual(otherReturn);
  });

  it('an expired link and a revoked link are refused', async () => {
    const link = await linkFor('恒力热处理');
    expect((await get(link)).status).toBe(200);
    world.clock.advance(7 * 86_400_000 + 1000);
    const expired = await get(link);
    expect(expired.status).toBe(403);
    expect(expired.html).toContain('链接无效或已过期');
    const fresh = await linkFor('恒力热处理');
    expect(texts(await world.as('sunli').say('撤销链接 恒力热处理'))).toEqual([
      '已撤销 恒力热处理 的 2 个链接。',
    ]);
    expect((await get(fresh)).status).toBe(403);
    expect((await post(`${fresh}/orders/X`, 'processing')).status).toBe(403);
  });

  it('the board page shows the three colours from its token and refreshes itself; a wrong token is refused', async () => {
    const now = world.clock.now().getTime();
    const late = await world.order({ partnerCode: 'P-HEAT', expectedReturnAt: new Date(now - 3_600_000) });
    const soon = await world.order({ partnerCode: 'P-HEAT', expectedReturnAt: new Date(now + 3_600_000) });
    const later = await world.order({
      partnerCode: 'P-HEAT',
      expectedReturnAt: new Date(now + 48 * 3_600_000),
    });
    const [reply] = texts(await world.as('sunli').say('看板链接'));
    const path = /(\/board\/outsourcing\?token=[A-Za-z0-9_-]+)/.exec(reply ?? '')?.[1] ?? '';
    const board = await get(path);
    expect(board.status).toBe(200);
    expect(board.html).toContain('<meta http-equiv="refresh" content="60"');
    const column = (colour: string) =>
      board.html.split(`data-colour="${colour}"`)[1]?.split('</section>')[0] ?? '';
    expect(column('red')).toContain(late);
    expect(column('yellow')).toContain(soon);
    expect(column('green')).toContain(later);
    expect(column('red')).toContain('已逾期 1 小时');
    expect((await get('/board/outsourcing?token=nope')).status).toBe(403);
    const [chatBoard] = texts(await world.as('lijianguo').say('看板'));
    const red = chatBoard?.split('**🟡')[0] ?? '';
    expect(red).toContain(`${late} 恒力热处理·热处理 金属纽扣（BTN-01） 5000 件，「已发货」`);
    expect(red).not.toContain(soon);
  });
});
