import type { InboundEvent } from '../../src/chat/inbound-event.js';
import type { Clock } from '../../src/shared/clock.js';

/** What 张伟 types into the console, as the engine receives it, under a message id of the test's choosing. */
export function consoleText(clock: Clock, id: string, text: string, senderId = 'zhangwei'): InboundEvent {
  return {
    kind: 'text',
    channel: 'console',
    platformMessageId: id,
    senderId,
    conversation: { kind: 'direct' },
    receivedAt: clock.now(),
    text,
  };
}
