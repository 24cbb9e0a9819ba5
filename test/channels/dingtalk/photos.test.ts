import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inspection } from '../../../src/quality/inspections/inspection.entity.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';
import { jpeg, sha256, storedMedia } from '../../support/photos.js';
import { startDingtalkWorld, textOf, type DingtalkWorld } from './dingtalk-world.js';

/**
 * Photos through DingTalk (dingtalk-media.md §6): a picture message's downloadCode is exchanged
 * with robot/messageFiles/download for a temporary url, which is then fetched. In a group the
 * photo comes as richText beside the @.
 */
describe('DingTalk: a picture is fetched by its downloadCode, stored once and attached', () => {
  let world: DingtalkWorld<DemoApp>;
  beforeAll(async () => {
    world = await startDingtalkWorld<DemoApp>({ start: startDemoApp });
  });
  afterAll(() => world.stop());

  const send = async (
    partial: Parameters<DingtalkWorld['fake']['pushRobotMessage']>[0],
  ): Promise<string[]> => {
    const from = world.fake.sessionWebhookMessages().length;
    const pushed = world.fake.pushRobotMessage(partial);
    await world.fake.waitForAck(pushed.messageId);
    await world.app.chat.dispatcher.drainOnce();
    return world.fake
      .sessionWebhookMessages()
      .slice(from)
      .map((m) => textOf(m.body));
  };

  it('attaches a picture to the 巡检 just recorded, fetched by its downloadCode; an unknown code changes nothing', async () => {
    const { fake, app } = world;
    expect(
      await send({ senderStaffId: 'zhouqiang', text: { content: '巡检 WO-DEMO-006 工序10 5' } }),
    ).toContain('如需附照片，请直接发送图片，将附在巡检 WO-DEMO-006「车削」上。');
    const [patrol] = await app.orm.em
      .fork()
      .find(Inspection, { kind: 'patrol' }, { orderBy: { id: 'desc' }, limit: 1 });
    const photo = jpeg();
    const downloadCode = fake.receivePicture(photo);
    expect(await send({ senderStaffId: 'zhouqiang', msgtype: 'picture', content: { downloadCode } })).toEqual(
      ['📷 照片已附在巡检 WO-DEMO-006「车削」上（共 1 张）。可继续发送。'],
    );
    const downloads = fake.requests().filter((r) => r.path === '/v1.0/robot/messageFiles/download');
    expect(downloads.map((r) => r.body)).toEqual([{ downloadCode, robotCode: 'dingshopfloor0001' }]);
    const stored = await storedMedia(app.orm);
    expect(stored.files).toEqual([
      { id: expect.any(Number), sha256: sha256(photo), size: photo.length, contentType: 'image/jpeg' },
    ]);
    expect(stored.attachments).toEqual([{ media: stored.files[0]!.id, subject: `inspection:${patrol!.id}` }]);

    // A code DingTalk does not know (or no longer does) changes nothing.
    expect(
      await send({
        senderStaffId: 'zhouqiang',
        msgtype: 'picture',
        content: { downloadCode: 'dlc-unknown' },
      }),
    ).toEqual(['这张图片已经取不到了（平台的下载链接已过期），请重新发送。']);
    expect(await storedMedia(app.orm)).toEqual(stored);
  });

  it('takes the picture of a richText message (the way a group sends one)', async () => {
    const { fake, app } = world;
    const second = jpeg();
    await send({ senderStaffId: 'zhouqiang', text: { content: '巡检 WO-DEMO-006 工序10 3' } });
    const answer = await send({
      senderStaffId: 'zhouqiang',
      msgtype: 'richText',
      content: { richText: [{ downloadCode: fake.receivePicture(second), type: 'picture' }] },
    });
    expect(answer).toEqual(['📷 照片已附在巡检 WO-DEMO-006「车削」上（共 1 张）。可继续发送。']);
    expect((await storedMedia(app.orm)).files.map((f) => f.sha256)).toContain(sha256(second));
  });
});
