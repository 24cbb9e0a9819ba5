import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { OutboxMessage } from '../../src/chat/outbox/outbox-message.entity.js';
import { jobsOf, withConfigured } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { ManualClock } from '../../src/shared/clock.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The 点检 form, declared only here: a machine's check each shift, pressure limits and a noise alarm. */
export const machineCheckYaml = `
  - key: machine-check
    name: 设备点检
    aliases: [点检]
    about: equipment
    filledBy: { roles: [worker, maintenance] }
    due: shift
    fields:
      - { key: oilOk, label: 油位正常, type: yes_no, alert: { exception: equipment } }
      - { key: airPressure, label: 气压, type: number, unit: MPa, min: 0.5, max: 0.7, alert: { exception: equipment, notify: [maintenance] } }
      - { key: noise, label: 异响, type: yes_no, alarmOn: 'yes', alert: { notify: [maintenance] } }
      - { key: photo, label: 照片, type: photo, required: false }
`;

export const formsYaml = `shifts:
  - { name: 白班, start: '08:00', end: '20:00' }
  - { name: 夜班, start: '20:00', end: '08:00' }
${castYaml.trimEnd()}
  - { id: gaoyuan, name: 高远, roles: [maintenance], wecom: gaoyuan }
equipment:
  - { code: CNC-01, name: 数控车床 1 号, type: lathe, team: cnc }
  - { code: PRESS-01, name: 冲床 1 号, type: press, team: cnc }
forms:
  remindAfterMinutes: 60
  leadAfterMinutes: 120
  list:${machineCheckYaml}`;

/** The same, filled by the machine's responsible person (刘洋 answers for CNC-01) or maintenance. */
export const responsibleYaml = formsYaml
  .replace('team: cnc }\n  - { code: PRESS-01', 'team: cnc, responsible: liuyang }\n  - { code: PRESS-01')
  .replace(
    'filledBy: { roles: [worker, maintenance] }',
    'filledBy: { roles: [maintenance], machineResponsible: true }',
  );

/** Monday 2026-11-23 in Shanghai, as a UTC instant. */
export const local = (hhmm: string, day = 23) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

export function textOf(content: OutboundContent): string {
  if (content.kind === 'text' || content.kind === 'markdown') return content.text;
  if (content.kind === 'card' || content.kind === 'card_update') return `[${content.card.title}]`;
  return `[${content.kind}]`;
}

export interface FormsWorld extends TestApp {
  say(personId: string, text: string): Promise<string[]>;
  /** Taps the button with this text on the last card the person was answered with. */
  tap(personId: string, text: string): Promise<string[]>;
  /** What went into the outbox since the last call, as [recipient, text]. */
  pushed(): Promise<Array<[string, string]>>;
  runJob(name: string): Promise<void>;
  lastCard(personId: string): CardView | undefined;
}

/** `db`: another world's database, as a restart with a changed factory.yaml finds it. */
export async function startFormsWorld(factory = formsYaml, db?: ScratchDatabase): Promise<FormsWorld> {
  const app = await startTestApp({ factory, db, clock: new ManualClock(local('08:00')) });
  let seen = await app.orm.em.fork().count(OutboxMessage);
  const sessions = new Map<string, ConsoleSession>();
  const cards = new Map<string, CardView>();
  const session = (id: string) => {
    const found = sessions.get(id) ?? new ConsoleSession(app.chat.engine, app.clock, id);
    sessions.set(id, found);
    return found;
  };
  const texts = (personId: string, contents: OutboundContent[]) => {
    for (const c of contents) if (c.kind === 'card') cards.set(personId, c.card);
    return contents.map(textOf);
  };
  return Object.assign(app, {
    async say(personId: string, text: string) {
      return texts(personId, await session(personId).say(text));
    },
    async tap(personId: string, text: string) {
      const card = cards.get(personId);
      const index = card?.buttons.findIndex((b) => b.text === text) ?? -1;
      if (!card || index < 0) throw new Error(`${personId} has no button ${text}`);
      return texts(personId, await session(personId).tap(index + 1, card));
    },
    lastCard: (personId: string) => cards.get(personId),
    async pushed() {
      const rows = await app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' }, offset: seen });
      seen += rows.length;
      return rows.map((r): [string, string] => [r.recipientKey, textOf(r.content)]);
    },
    async runJob(name: string) {
      const job = jobsOf(withConfigured(coreCapabilities, app.factory), app.services).find(
        (d) => d.name === name,
      );
      if (!job) throw new Error(`job ${name} is not registered`);
      await job.run({ data: undefined as never, jobId: 'test', touch: async () => {} });
    },
  });
}
