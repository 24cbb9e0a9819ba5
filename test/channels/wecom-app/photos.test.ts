import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../../src/capabilities/default-config.js';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { Inspection } from '../../../src/quality/inspections/inspection.entity.js';
import { ScrapRequest } from '../../../src/quality/scrap/scrap-request.entity.js';
import type { Seen } from '../../support/channel-scenarios.js';
import { jpeg, photoLinksIn, sha256, storedMedia } from '../../support/photos.js';
import { startWecomWorld, type WecomWorld } from './wecom-world.js';

const texts = (seen: Seen[]) => seen.flatMap((s) => ('text' in s ? [s.text] : []));

/**
 * Photos through the WeCom self-built app (wecom-media.md §1): the image callback's MediaId is
 * pulled with media/get, kept once in the media store and attached to the quality record the
 * sender just made. 周强 is QC on the demo shop, 刘洋 turns WO-DEMO-006.
 */
describe('WeCom app: a photo sent after a quality record is stored once and attached to it', () => {
  let world: WecomWorld;
  beforeAll(async () => {
    world = await startWecomWorld({
      factory: {
        ...defaultFactoryConfig,
        quality: { ...defaultFactoryConfig.quality, scrapApproval: { threshold: 10, approvers: 'qc' } },
      },
    });
  });
  afterAll(() => world.stop());
  const em = () => world.app.orm.em.fork();

  it('attaches a 巡检 photo, stores the same bytes once (even after the token is revoked), and refuses what it cannot keep', async () => {
    const { driver, fake, app } = world;
    expect(texts(await driver.say('zhouqiang', '巡检 WO-DEMO-006 工序10 5')).at(-1)).toBe(
      '如需附照片，请直接发送图片，将附在巡检 WO-DEMO-006「车削」上。',
    );
    const [patrol] = await em().find(Inspection, { kind: 'patrol' }, { orderBy: { id: 'desc' }, limit: 1 });
    const photo = jpeg();
    expect(texts(await driver.sendImage('zhouqiang', fake.addMedia(photo)))).toEqual([
      '📷 照片已附在巡检 WO-DEMO-006「车削」上（共 1 张）。可继续发送。',
    ]);
    const stored = await storedMedia(app.orm);
    expect(stored.files).toEqual([
      { id: expect.any(Number), sha256: sha256(photo), size: photo.length, contentType: 'image/jpeg' },
    ]);
    expect(stored.attachments).toEqual([{ media: stored.files[0]!.id, subject: `inspection:${patrol!.id}` }]);

    // 追溯 counts the photo on the inspection's line, and offers it as a link that opens it.
    const traced = texts(await driver.say('zhouqiang', '追溯 WO-DEMO-006'));
    const patrolLine = traced[0]?.split('\n').find((line) => line.trim().startsWith('巡检'));
    expect(patrolLine).toMatch(/^ {2}巡检 .* 周强：合格 5；照片 1 张$/);
    expect(traced.at(-1)).toMatch(
      /^检验照片（链接 \d+ 小时内有效）：\n- 巡检 WO-DEMO-006「车削」 .+：http\S+$/,
    );
    const [link] = photoLinksIn(traced.at(-1) ?? '');
    const opened = await fetch(`${app.baseUrl}${new URL(link!).pathname}`);
    expect(sha256(Buffer.from(await opened.arrayBuffer()))).toBe(sha256(photo));

    // WeCom may revoke a token early (§1): media/get answers 42001/40014, the token is renewed once.
    const tokensBefore = fake.tokenCalls();
    fake.revokeTokens();
    await driver.sendImage('zhouqiang', fake.addMedia(photo));
    expect(fake.tokenCalls()).toBe(tokensBefore + 1);
    expect((await storedMedia(app.orm)).files).toHaveLength(1); // same bytes: one file, one attachment
    expect((await storedMedia(app.orm)).attachments).toHaveLength(1);

    // Refused with a Chinese answer, nothing stored or attached.
    const before = await storedMedia(app.orm);
    const notAPicture = await driver.sendImage(
      'zhouqiang',
      fake.addMedia(Buffer.from('%PDF-1.4 not a photo')),
    );
    expect(texts(notAPicture)).toEqual(['只能保存 JPG、PNG、WebP 或 HEIC 格式的照片，这个文件没有保存。']);
    const huge = await driver.sendImage('zhouqiang', fake.addMedia(jpeg(10 * 1024 * 1024 + 1)));
    expect(texts(huge)).toEqual(['照片太大了（超过 10 MB），没有保存。请压缩后重新发送。']);
    // A MediaId past its three days answers 40007.
    const old = fake.addMedia(jpeg());
    app.clock.advance(3 * 24 * 3_600_000 + 60_000);
    expect(texts(await driver.sendImage('zhouqiang', old))).toEqual([
      '这张图片已经取不到了（平台的下载链接已过期），请重新发送。',
    ]);
    expect(await storedMedia(app.orm)).toEqual(before);
  });

  it('puts a 报废申请 photo on the approver’s card as a signed link that opens the photo until it expires; a photo during another question changes nothing', async () => {
    const { driver, fake, app } = world;
    const asked = texts(await driver.say('liuyang', '报废申请 WO-DEMO-006 工序10 12 D01'));
    const [request] = await em().find(ScrapRequest, {}, { orderBy: { id: 'desc' }, limit: 1 });
    const label = `S${request!.id}`;
    expect(asked.at(-1)).toBe(`如需附照片，请直接发送图片，将附在报废申请 ${label}上。`);
    const photo = jpeg();
    expect(texts(await driver.sendImage('liuyang', fake.addMedia(photo)))).toContain(
      `📷 照片已附在报废申请 ${label}上（共 1 张）。可继续发送。`,
    );
    const { attachments } = await storedMedia(app.orm);
    expect(attachments.at(-1)?.subject).toBe(`scrap_request:${request!.id}`);

    // The card QC already has is redrawn with the photo's link.
    const updates = await em().find(
      OutboxMessage,
      { recipientKey: 'zhouqiang', channel: 'wecom-app' },
      { orderBy: { id: 'asc' } },
    );
    const redrawn = updates
      .map((u) => u.content)
      .filter((c) => c.kind === 'card_update')
      .at(-1);
    if (redrawn?.kind !== 'card_update') throw new Error('the scrap card was not redrawn');
    const field = redrawn.card.fields.find((f) => f.label === '照片');
    const [link] = photoLinksIn(field?.value ?? '');
    const path = new URL(link!).pathname;
    const opened = await fetch(`${app.baseUrl}${path}`);
    expect([opened.status, opened.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(sha256(Buffer.from(await opened.arrayBuffer()))).toBe(sha256(photo));

    // A photo while another question waits for words is only acknowledged; the question stays open.
    expect(texts(await driver.say('zhouqiang', `报废审批 ${label} 驳回`))).toEqual([
      `请回复驳回报废申请 ${label} 的原因。`,
    ]);
    const attachedBefore = (await storedMedia(app.orm)).attachments;
    expect(texts(await driver.sendImage('zhouqiang', fake.addMedia(jpeg())))).toEqual([
      '已收到图片，但上一个问题还在等文字回答，请先回答它。',
    ]);
    expect((await storedMedia(app.orm)).attachments).toEqual(attachedBefore);
    expect(texts(await driver.say('zhouqiang', '尺寸可返修'))[0]).toBe(
      `已驳回报废申请 ${label}：尺寸可返修。该报废不计入。`,
    );

    app.clock.advance(72 * 3_600_000 + 1);
    const gone = await fetch(`${app.baseUrl}${path}`);
    expect([gone.status, await gone.text()]).toEqual([410, '照片链接已失效或不存在，请在聊天中重新获取。']);
  });

  it('attaches a photo to a 报修 or an 异常 and sends its link to those told of it, not the sender', async () => {
    const { driver, fake, app } = world;
    const pushedPhotoLinks = async (recipientKey: string) =>
      (await em().find(OutboxMessage, { recipientKey }, { orderBy: { id: 'asc' } }))
        .map((m) => m.content)
        .flatMap((c) => (c.kind === 'text' && c.text.includes('补充了照片') ? [c.text] : []));
    const repair = texts(await driver.say('zhangwei', '报修 CNC-01 主轴异响'));
    const ticket = /R(\d+)/.exec(repair[0] ?? '')?.[1];
    expect(repair.at(-1)).toBe(`如需附照片，请直接发送图片，将附在维修 R${ticket}（CNC-01）上。`);
    const photo = jpeg(6000);
    expect(texts(await driver.sendImage('zhangwei', fake.addMedia(photo)))).toEqual([
      `📷 照片已附在维修 R${ticket}（CNC-01）上（共 1 张）。可继续发送。`,
    ]);
    expect((await storedMedia(app.orm)).attachments.at(-1)?.subject).toBe(`repair_ticket:${ticket}`);
    const [toTechnician] = await pushedPhotoLinks('gaoyuan');
    expect(toTechnician).toMatch(new RegExp(`^📷 张伟 给维修 R${ticket}（CNC-01）补充了照片：\\n`));
    const opened = await fetch(`${app.baseUrl}${new URL(photoLinksIn(toTechnician!)[0]!).pathname}`);
    expect(sha256(Buffer.from(await opened.arrayBuffer()))).toBe(sha256(photo));
    expect(await pushedPhotoLinks('zhangwei')).toEqual([]);

    const raised = texts(await driver.say('liuyang', '异常 WO-DEMO-006 刀具崩刃'));
    const exception = /E(\d+)/.exec(raised[0] ?? '')?.[1];
    expect(raised.at(-1)).toBe(`如需附照片，请直接发送图片，将附在异常 E${exception}（WO-DEMO-006）上。`);
    await driver.sendImage('liuyang', fake.addMedia(jpeg(7000)));
    expect((await storedMedia(app.orm)).attachments.at(-1)?.subject).toBe(`exception:${exception}`);
    expect(await pushedPhotoLinks('lijianguo')).toEqual([
      expect.stringMatching(new RegExp(`^📷 刘洋 给异常 E${exception}（WO-DEMO-006）补充了照片：\\nhttp`)),
    ]);
    expect(await pushedPhotoLinks('liuyang')).toEqual([]);
  });
});
