import type { JsonObject, ProactiveSendRecord, ReplyRecord } from '../../fakes/wecom-bot/server.js';
import { channelScenarios, type Seen } from '../../support/channel-scenarios.js';
import { startBotWorld } from './bot-world.js';

interface BotCard {
  task_id: string;
  main_title: { title: string };
  button_list?: Array<{ text: string; key: string }>;
}

const seenCard = (card: BotCard): Seen => ({
  card: { title: card.main_title.title, buttons: (card.button_list ?? []).map((b) => b.text) },
});

/**
 * What the person sees of an answer on the frame's req_id (§11.2 aibot_respond_msg): a finished
 * stream is a text, a template card a card. A redraw (aibot_respond_update_msg) changes a card
 * already seen, so it is not something new in the chat.
 */
function seenInReply(reply: ReplyRecord): Seen[] {
  if (reply.cmd !== 'aibot_respond_msg') return [];
  const stream = reply.body.stream as { content?: string } | undefined;
  const card = reply.body.template_card as BotCard | undefined;
  return [...(stream?.content ? [{ text: stream.content }] : []), ...(card ? [seenCard(card)] : [])];
}

/** §11.2 aibot_send_msg: markdown or a template card, addressed to the userid in a 1:1 chat. */
function seenInSend(send: ProactiveSendRecord): Seen[] {
  if (send.msgtype === 'markdown') return [{ text: (send.body.markdown as { content: string }).content }];
  return [seenCard(send.body.template_card as BotCard)];
}

/**
 * The same story in the 1:1 chat with the intelligent bot: frames pushed on the long connection,
 * read back from what the fake bot server accepted — the answer on the frame's req_id first, then
 * what the outbox pushed with aibot_send_msg.
 */
channelScenarios('WeCom intelligent bot', async () => {
  const world = await startBotWorld();
  const { fake, app } = world;
  let last: string | undefined;

  /** Every card the person was sent, answers and pushes alike, in the order they were accepted. */
  const cardsSentTo = (personId: string): BotCard[] => {
    const answered = fake
      .replies()
      .filter((r) => r.cmd === 'aibot_respond_msg' && (r.inbound.body.from as JsonObject).userid === personId)
      .map((r) => ({ at: r.at, card: r.body.template_card as BotCard | undefined }));
    const pushed = fake
      .proactiveSends()
      .filter((s) => s.chatid === personId && s.msgtype === 'template_card')
      .map((s) => ({ at: s.at, card: s.body.template_card as BotCard | undefined }));
    return [...answered, ...pushed]
      .sort((a, b) => a.at - b.at)
      .flatMap((sent) => (sent.card ? [sent.card] : []));
  };

  /** Waits for the app's answer on the req_id, lets the outbox push the rest, and reads both. */
  const exchange = async (reqId: string, personId: string): Promise<Seen[]> => {
    const known = new Set(fake.replies());
    const sendsBefore = fake.proactiveSends().length;
    const reply = await fake.waitForReply(reqId, undefined, (r) => !known.has(r));
    await app.chat.dispatcher.drainOnce();
    const pushed = fake
      .proactiveSends()
      .slice(sendsBefore)
      .filter((s) => personId === '' || s.chatid === personId);
    return [...seenInReply(reply), ...pushed.flatMap(seenInSend)];
  };

  return {
    app,
    stop: () => world.stop(),
    driver: {
      say(personId, content) {
        last = fake.pushMessage({ chattype: 'single', userid: personId, content });
        return exchange(last, personId);
      },
      tap(personId, buttonText) {
        for (const card of cardsSentTo(personId).reverse()) {
          const button = card.button_list?.find((b) => b.text === buttonText);
          if (!button) continue;
          const click = fake.pushEvent({
            eventtype: 'template_card_event',
            chattype: 'single',
            userid: personId,
            taskId: card.task_id,
            eventKey: button.key,
          });
          return exchange(click, personId);
        }
        throw new Error(`${personId} was sent no card with "${buttonText}"`);
      },
      redeliverLast() {
        if (!last) throw new Error('nothing sent yet');
        fake.redeliver(last);
        return exchange(last, '');
      },
    },
  };
});
