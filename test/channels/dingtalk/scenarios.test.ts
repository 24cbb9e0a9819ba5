import { channelScenarios, type Seen } from '../../support/channel-scenarios.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';
import { startDingtalkWorld, textOf } from './dingtalk-world.js';

/** What a DingTalk user sees, read from what the fake DingTalk received, in order. */
channelScenarios('DingTalk Stream (no card template)', async () => {
  const world = await startDingtalkWorld<DemoApp>({ start: startDemoApp });
  const { fake, app } = world;
  let last: string | undefined;
  const buttons = new Map<string, Map<string, string>>();

  const seenSince = (webhookFrom: number, oToFrom: number, personId: string): Seen[] => {
    const seen: Seen[] = fake
      .sessionWebhookMessages()
      .slice(webhookFrom)
      .map((m) => ({
        text: textOf(m.body) || String((m.body.markdown as { text?: string } | undefined)?.text ?? ''),
      }));
    for (const m of fake
      .oneToOneMessages()
      .slice(oToFrom)
      .filter((m) => personId === '' || m.userIds.includes(personId))) {
      const p = m.msgParam as Record<string, string>;
      if (m.msgKey === 'sampleText') seen.push({ text: p.content ?? '' });
      if (!m.msgKey.startsWith('sampleActionCard')) continue;
      const pairs =
        m.msgKey === 'sampleActionCard'
          ? [[p.singleTitle, p.singleURL]]
          : [1, 2, 3, 4, 5].map((i) => [p[`actionTitle${i}`], p[`actionURL${i}`]]);
      const shown = pairs.filter(
        (pair): pair is [string, string] => pair[0] !== undefined && pair[1] !== undefined,
      );
      const known = buttons.get(personId) ?? new Map<string, string>();
      for (const [title, url] of shown) known.set(title, new URL(url).searchParams.get('content') ?? '');
      buttons.set(personId, known);
      seen.push({
        card: { title: (p.title ?? '').replace(/^\[卡片\] /, ''), buttons: shown.map(([title]) => title) },
      });
    }
    return seen;
  };
  const say = async (personId: string, content: string) => {
    const [webhookFrom, oToFrom] = [fake.sessionWebhookMessages().length, fake.oneToOneMessages().length];
    const pushed = fake.pushRobotMessage({ senderStaffId: personId, text: { content } });
    last = pushed.messageId;
    await fake.waitForAck(pushed.messageId);
    await app.chat.dispatcher.drainOnce();
    return seenSince(webhookFrom, oToFrom, personId);
  };
  return {
    app,
    stop: () => world.stop(),
    driver: {
      say,
      async tap(personId, buttonText) {
        const posted = buttons.get(personId)?.get(buttonText);
        if (!posted) throw new Error(`${personId} was shown no "${buttonText}" button`);
        return say(personId, posted);
      },
      async redeliverLast() {
        if (!last) throw new Error('nothing sent yet');
        const [webhookFrom, oToFrom] = [fake.sessionWebhookMessages().length, fake.oneToOneMessages().length];
        const again = fake.redeliver(last);
        await fake.waitForAck(again.messageId);
        await app.chat.dispatcher.drainOnce();
        return seenSince(webhookFrom, oToFrom, '');
      },
    },
  };
});
