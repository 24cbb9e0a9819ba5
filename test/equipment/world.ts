import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { equipmentFeature } from '../../src/equipment/feature.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { jobsOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { ManualClock } from '../../src/shared/clock.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

/**
 * The chat cast plus two maintenance technicians; a blown-film line whose filter is changed
 * every 720 running hours (PRODUCT.md) and a lathe on a weekly calendar plan.
 */
export const equipmentYaml = `${castYaml.trimEnd()}
  - { id: gaoyuan, name: 高远, roles: [maintenance], wecom: gaoyuan }
  - { id: mawei, name: 马伟, roles: [maintenance], wecom: mawei }
equipment:
  - { code: EXT-01, name: 吹膜机, type: film, team: cnc, location: 一车间, model: SJ-55, commissionedOn: 2021-03-01 }
  - { code: CNC-01, name: 数控车床 1 号, type: lathe, team: cnc }
maintenance:
  doneWithinHours: 24
  repeatHours: 8
  escalateHours: 24
  supervisorHours: 48
  plans:
    - { id: film-filter, name: 更换滤网, equipment: EXT-01, everyHours: 720, leadHours: 24, checklist: [停机断电, 更换滤网, 试机], person: gaoyuan }
    - { id: lathe-weekly, name: 周保养, type: lathe, everyDays: 7, leadDays: 1 }
repairs: { acceptMinutes: 30, startMinutes: 60, repairMinutes: 240, verifyMinutes: 120 }
`;

/** Monday 2026-11-23 in Shanghai, as a UTC instant. */
export const local = (hhmm: string, day = 23) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

export interface World extends TestApp {
  as(personId: string): ConsoleSession;
  /** Runs one of the application's registered jobs once, as Agenda would. */
  runJob(name: string): Promise<void>;
  /** What went into the outbox since the last call, as [recipient, text or card title]. */
  pushed(): Promise<Array<[string, string]>>;
  /** The last card pushed to a person, or the last redraw of it. */
  lastCardOf(personId: string): Promise<CardView>;
  /** Taps a button, by its text, on the last card pushed to the person. */
  tap(personId: string, buttonText: string): Promise<string[]>;
  say(personId: string, text: string): Promise<string[]>;
  /** A gateway's POST /api/v1/equipment/:code/hours with an equipment:write key. */
  postHours(code: string, body: unknown, key?: string): Promise<Response>;
  gatewayKey: string;
}

export function textOf(content: OutboundContent): string {
  if (content.kind === 'text' || content.kind === 'markdown') return content.text;
  if (content.kind === 'card' || content.kind === 'card_update') return `[${content.card.title}]`;
  return `[${content.kind}]`;
}

export async function startWorld(options: TestAppOptions = {}): Promise<World> {
  const app = await startTestApp({
    factory: equipmentYaml,
    features: [equipmentFeature],
    clock: options.clock ?? new ManualClock(local('08:00')),
    ...options,
  });
  const gatewayKey = await createApiKey(
    app.orm.em.fork(),
    'plc-gateway',
    ['equipment:write'],
    app.clock.now(),
  );
  let seen = await app.orm.em.fork().count(OutboxMessage);
  const as = (personId: string) => new ConsoleSession(app.chat.engine, app.clock, personId);
  const replies = (contents: OutboundContent[]) => contents.map(textOf);
  const lastCardOf = async (personId: string): Promise<CardView> => {
    const rows = await app.orm.em
      .fork()
      .find(OutboxMessage, { recipientKey: personId }, { orderBy: { id: 'desc' } });
    const row = rows.find((r) => r.content.kind === 'card' || r.content.kind === 'card_update');
    if (!row || (row.content.kind !== 'card' && row.content.kind !== 'card_update'))
      throw new Error(`no card was pushed to ${personId}`);
    return row.content.card;
  };
  return Object.assign(app, {
    as,
    gatewayKey,
    async runJob(name: string) {
      const job = jobsOf(coreCapabilities, app.services).find((d) => d.name === name);
      if (!job) throw new Error(`job ${name} is not registered`);
      await job.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    },
    async pushed() {
      const rows = await app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' }, offset: seen });
      seen += rows.length;
      // Redraws of cards people already have are not new messages.
      return rows
        .filter((r) => r.content.kind !== 'card_update')
        .map((r): [string, string] => [r.recipientKey, textOf(r.content)]);
    },
    lastCardOf,
    async tap(personId: string, buttonText: string) {
      // Delivered cards are what later changes redraw in place.
      await app.chat.dispatcher.drainOnce();
      const card = await lastCardOf(personId);
      const index = card.buttons.findIndex((b) => b.text === buttonText);
      if (index < 0) throw new Error(`${personId}'s card "${card.title}" has no button ${buttonText}`);
      return replies(await as(personId).tap(index + 1, card));
    },
    async say(personId: string, text: string) {
      return replies(await as(personId).say(text));
    },
    postHours(code: string, body: unknown, key = gatewayKey) {
      return fetch(`${app.baseUrl}/api/v1/equipment/${code}/hours`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
  });
}
