import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormSubmission } from '../../../src/forms/form-submission.entity.js';
import { formsYaml, local } from '../../forms/world.js';
import { jpeg, sha256, storedMedia } from '../../support/photos.js';
import { startDingtalkWorld, textOf, type DingtalkWorld } from './dingtalk-world.js';

/**
 * A form's photo question answered with a photo from DingTalk: the answer keeps the media
 * store's id (`media:<id>`), not the platform's short-lived downloadCode.
 */
describe('forms: a photo answer is kept in the media store', () => {
  let world: DingtalkWorld;
  beforeAll(async () => {
    world = await startDingtalkWorld({ app: { factory: formsYaml } });
  });
  afterAll(() => world.stop());

  const send = async (
    partial: Parameters<DingtalkWorld['fake']['pushRobotMessage']>[0],
  ): Promise<string[]> => {
    const from = world.fake.sessionWebhookMessages().length;
    const pushed = world.fake.pushRobotMessage({ senderStaffId: 'zhangwei', ...partial });
    await world.fake.waitForAck(pushed.messageId);
    await world.app.chat.dispatcher.drainOnce();
    return world.fake
      .sessionWebhookMessages()
      .slice(from)
      .map((m) => textOf(m.body) || String((m.body.markdown as { text?: string } | undefined)?.text ?? ''));
  };
  const say = (content: string) => send({ text: { content } });

  it('answers 照片 with the stored photo', async () => {
    world.clock.set(local('08:20'));
    await say('点检 CNC-01');
    await say('是');
    await say('0.6');
    expect((await say('否')).join('\n')).toContain('(4/4) 照片');
    const photo = jpeg();
    await send({ msgtype: 'picture', content: { downloadCode: world.fake.receivePicture(photo) } });
    const [submission] = await world.app.orm.em.fork().find(FormSubmission, {});
    const { files } = await storedMedia(world.app.orm);
    expect(files.map((f) => f.sha256)).toEqual([sha256(photo)]);
    expect(submission?.answers).toMatchObject({
      oilOk: true,
      airPressure: 0.6,
      noise: false,
      photo: `media:${files[0]!.id}`,
    });
  });
});
