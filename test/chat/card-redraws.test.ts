import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueCard, type CardSubject } from '../../src/chat/cards/issue-card.js';
import { refreshEachCard } from '../../src/chat/cards/refresh-cards.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import type { OutboxStatus } from '../../src/chat/outbox/outbox-message.entity.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const subject = (id: string): CardSubject => ({ type: 'task', id, version: 'v1' });
const spec = (title: string) => ({ title, fields: [], buttons: [{ text: '完工', action: 'report' }] });

describe('redrawing the cards people received', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ factory: castYaml });
  });
  afterEach(async () => {
    await app.stop();
  });

  /** Sends a card about `id` to `to`, and leaves its message in `status`; returns its ref. */
  const sendCard = async (id: string, to: string, status: OutboxStatus, replaces?: string) =>
    app.orm.em.fork().transactional(async (tx) => {
      const card = issueCard(tx, app.clock, 'task', subject(id), spec(`任务 ${id}`), replaces);
      const kind = replaces ? 'card_update' : 'card';
      const [message] = await app.chat.outbox.enqueue(
        tx,
        { kind: 'address', channel: 'console', recipientKey: to },
        { kind, card },
      );
      await tx.flush();
      await tx.nativeUpdate(OutboxMessage, { id: message?.id }, { status });
      return card.original;
    });

  it('finds every place each subject’s card went, in one go, and redraws each there once', async () => {
    const toWorker = await sendCard('10', 'zhangwei', 'sent');
    const toGroup = await sendCard('10', 'group:line-1', 'sent');
    await sendCard('10', 'group:line-1', 'sent', toGroup); // redrawn there before: still one place
    await sendCard('10', 'wangfang', 'dead'); // never arrived: nothing to redraw
    const nextOperation = await sendCard('20', 'lisi', 'sent');
    await sendCard('30', 'zhaoliu', 'sent'); // not asked for
    const before = await app.orm.em.fork().count(OutboxMessage, {});

    await app.orm.em.fork().transactional((tx) =>
      refreshEachCard(tx, app.clock, app.chat.outbox, 'task', [
        { subject: subject('10'), spec: spec('任务 10 进行中') },
        { subject: subject('20'), spec: spec('任务 20 可开工') },
      ]),
    );

    const redraws = await app.orm.em
      .fork()
      .find(OutboxMessage, { id: { $gt: before } }, { orderBy: { id: 'asc' } });
    expect(
      redraws.map((r) => [
        r.recipientKey,
        r.content.kind,
        r.content.kind === 'card_update' && r.content.card.original,
        r.content.kind === 'card_update' && r.content.card.title,
      ]),
    ).toEqual([
      ['zhangwei', 'card_update', toWorker, '任务 10 进行中'],
      ['group:line-1', 'card_update', toGroup, '任务 10 进行中'],
      ['lisi', 'card_update', nextOperation, '任务 20 可开工'],
    ]);
  });
});
