import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inspection } from '../../../src/quality/inspections/inspection.entity.js';
import type { ReplyRecord } from '../../fakes/wecom-bot/server.js';
import { jpeg, sha256, storedMedia } from '../../support/photos.js';
import { startBotWorld, type BotWorld } from './bot-world.js';

const answered = (reply: ReplyRecord): string =>
  (reply.body.stream as { content?: string } | undefined)?.content ?? '';

/**
 * Photos through the intelligent bot (wecom-media.md §4): the image message's url is fetched
 * and decrypted with its own aeskey (AES-256-CBC, padding to 32 bytes), so the stored bytes are
 * the photo itself, the hash proves it.
 */
describe('WeCom intelligent bot: an encrypted photo is decrypted, stored once and attached', () => {
  let world: BotWorld;
  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(() => world.stop());

  const say = async (userid: string, input: { content?: string; media?: Buffer }): Promise<string> => {
    const reqId = world.fake.pushMessage({
      chattype: 'single',
      userid,
      ...(input.media ? { msgtype: 'image', media: input.media } : { content: input.content ?? '' }),
    });
    return answered(await world.fake.waitForReply(reqId, undefined, (r) => r.cmd === 'aibot_respond_msg'));
  };

  it('attaches the decrypted photo to the 巡检 just recorded; the same photo again is the same file', async () => {
    const { app } = world;
    expect(await say('zhouqiang', { content: '巡检 WO-DEMO-006 工序10 5' })).toContain(
      '如需附照片，请直接发送图片，将附在巡检 WO-DEMO-006「车削」上。',
    );
    const [patrol] = await app.orm.em
      .fork()
      .find(Inspection, { kind: 'patrol' }, { orderBy: { id: 'desc' }, limit: 1 });
    const photo = jpeg(5000); // not a multiple of 32: the padding is stripped by hand
    expect(await say('zhouqiang', { media: photo })).toBe(
      '📷 照片已附在巡检 WO-DEMO-006「车削」上（共 1 张）。可继续发送。',
    );
    expect(await say('zhouqiang', { media: photo })).toBe(
      '📷 照片已附在巡检 WO-DEMO-006「车削」上（共 1 张）。可继续发送。',
    );
    const stored = await storedMedia(app.orm);
    expect(stored.files).toEqual([
      { id: expect.any(Number), sha256: sha256(photo), size: photo.length, contentType: 'image/jpeg' },
    ]);
    expect(stored.attachments).toEqual([{ media: stored.files[0]!.id, subject: `inspection:${patrol!.id}` }]);

    expect(await say('zhouqiang', { media: jpeg(10 * 1024 * 1024 + 100) })).toBe(
      '照片太大了（超过 10 MB），没有保存。请压缩后重新发送。',
    );
    expect(await storedMedia(app.orm)).toEqual(stored);
  });
});
