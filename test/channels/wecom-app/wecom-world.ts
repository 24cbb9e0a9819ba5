import { startFakeWecom, type FakeWecom, type Recorded } from '../../fakes/wecom-api/server.js';
import type { ChannelDriver, ChannelUnderTest, Seen } from '../../support/channel-scenarios.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';
import type { TestAppOptions } from '../../support/test-app.js';
import {
  encryptedCallback,
  inbound,
  openReply,
  WECOM,
  wecomEnv,
  type CallbackRequest,
} from './callback-client.js';

export interface WecomWorld extends ChannelUnderTest {
  driver: ChannelDriver & { sendImage(personId: string, mediaId: string): Promise<Seen[]> };
  app: DemoApp;
  fake: FakeWecom;
  post(request: CallbackRequest): Promise<Response>;
}

/** The demo app with the WeCom app channel on, talking to the fake WeCom. */
export async function startWecomWorld(options: Pick<TestAppOptions, 'factory'> = {}): Promise<WecomWorld> {
  let clockNow = () => Date.now();
  const fake = await startFakeWecom({
    corpId: WECOM.corpId,
    secret: 'app-secret',
    agentId: Number(WECOM.agentId),
    now: () => clockNow(),
  });
  const app = await startDemoApp({ ...options, env: wecomEnv(fake.baseUrl) });
  clockNow = () => app.clock.now().getTime();
  const post = (request: CallbackRequest) =>
    fetch(`${app.baseUrl}/wecom/callback?${request.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });

  let last: CallbackRequest | undefined;
  const exchange = async (personId: string, request: CallbackRequest): Promise<Seen[]> => {
    last = request;
    const before = fake.recorded.length;
    const res = await post(request);
    const body = await res.text();
    const seen: Seen[] = [];
    if (body !== '') {
      const reply = openReply(body);
      if (reply.MsgType === 'text') seen.push({ text: String(reply.Content) });
    }
    await app.chat.dispatcher.drainOnce();
    for (const r of fake.recorded.slice(before)) seen.push(...seenIn(r, personId));
    return seen;
  };

  const driver: ChannelDriver & { sendImage(personId: string, mediaId: string): Promise<Seen[]> } = {
    sendImage: (personId, mediaId) =>
      exchange(
        personId,
        encryptedCallback(inbound.image(personId, mediaId, app.clock.now()), { now: app.clock.now() }),
      ),
    say: (personId, text) =>
      exchange(
        personId,
        encryptedCallback(inbound.text(personId, text, app.clock.now()), { now: app.clock.now() }),
      ),
    async tap(personId, buttonText) {
      const sent = fake.recorded.filter(
        (r) =>
          r.path === '/cgi-bin/message/send' &&
          r.body?.touser === personId &&
          r.body?.msgtype === 'template_card',
      );
      for (const r of sent.reverse()) {
        const card = r.body?.template_card as {
          task_id: string;
          button_list?: Array<{ text: string; key: string }>;
        };
        const button = card.button_list?.find((b) => b.text === buttonText);
        if (button) {
          const click = inbound.click(
            personId,
            button.key,
            card.task_id,
            String(r.answer.response_code),
            app.clock.now(),
          );
          return exchange(personId, encryptedCallback(click, { now: app.clock.now() }));
        }
      }
      throw new Error(`${personId} was sent no card with "${buttonText}"`);
    },
    async redeliverLast() {
      if (!last) throw new Error('nothing sent yet');
      return exchange('', last);
    },
  };
  return {
    app,
    fake,
    driver,
    post,
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

function seenIn(r: Recorded, personId: string): Seen[] {
  if (r.path !== '/cgi-bin/message/send' || r.errcode !== 0 || r.dropped || r.body?.touser !== personId)
    return [];
  const body = r.body;
  if (body.msgtype === 'text') return [{ text: String((body.text as { content: string }).content) }];
  if (body.msgtype === 'template_card') {
    const card = body.template_card as {
      main_title: { title: string };
      button_list?: Array<{ text: string }>;
    };
    return [{ card: { title: card.main_title.title, buttons: (card.button_list ?? []).map((b) => b.text) } }];
  }
  return [];
}
