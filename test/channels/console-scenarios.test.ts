import { randomUUID } from 'node:crypto';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { InboundEvent } from '../../src/chat/inbound-event.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { channelScenarios, type Seen } from '../support/channel-scenarios.js';
import { startDemoApp } from '../support/demo-app.js';

function seen(replies: OutboundContent[]): Seen[] {
  return replies.flatMap((r): Seen[] => {
    if (r.kind === 'text') return [{ text: r.text }];
    if (r.kind === 'card' || r.kind === 'card_update')
      return [{ card: { title: r.card.title, buttons: r.card.buttons.map((b) => b.text) } }];
    return [];
  });
}

channelScenarios('console', async () => {
  const app = await startDemoApp();
  const lastCards = new Map<string, CardView[]>();
  let last: InboundEvent | undefined;
  const send = async (event: InboundEvent) => {
    last = event;
    const { replies } = await app.chat.engine.handle(event);
    const shown = replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));
    if (shown.length > 0) lastCards.set(event.senderId, shown);
    return seen(replies);
  };
  const base = (personId: string) => ({
    channel: 'console' as const,
    platformMessageId: randomUUID(),
    senderId: personId,
    conversation: { kind: 'direct' as const },
    receivedAt: app.clock.now(),
  });
  return {
    app,
    stop: () => app.stop(),
    driver: {
      say: (personId, text) => send({ ...base(personId), kind: 'text', text }),
      async tap(personId, buttonText) {
        const button = (lastCards.get(personId) ?? [])
          .flatMap((c) => c.buttons)
          .find((b) => b.text === buttonText);
        if (!button) throw new Error(`${personId} has no button "${buttonText}"`);
        return send({ ...base(personId), kind: 'card_action', actionKey: button.key, selections: {} });
      },
      async redeliverLast() {
        if (!last) throw new Error('nothing was sent yet');
        return send(last);
      },
    },
  };
});
