import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../../src/chat/messages.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { encryptedCallback, WECOM, wecomEnv } from '../channels/wecom-app/callback-client.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import {
  anyDay,
  anyJson,
  anyNumber,
  anyText,
  anyTime,
  anyValue,
  longText,
  printableText,
} from './fuzz-inputs.js';
import { tableSnapshot } from './table-snapshot.js';

/**
 * Issue 16 item 6: random, oversized and unicode input through the three doors — the signed
 * WeCom callback, the REST API and chat text — never gets a 5xx or the internal-error reply, and
 * a refused request changes no row. Seeded and bounded so a failure reproduces and the file
 * stays under a minute on a loaded two-core machine.
 */
const SEED = 16_006;
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What each door answered, to show the runs reached both acceptance and refusal. */
const tally = (counts: Map<string, number>, outcome: string) =>
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);

describe('fuzz: the signed WeCom callback, the REST API and chat text, on the demo shop', () => {
  let app: DemoApp;
  let key: string;
  beforeAll(async () => {
    app = await startDemoApp({ env: wecomEnv() });
    key = await createApiKey(
      app.orm.em.fork(),
      'ERP',
      ['outsourcing:write', 'outsourcing:read', 'people:write', 'equipment:write'],
      app.clock.now(),
    );
    const res = await call('POST', '/outsourcing-orders', {
      number: 'ERP-1',
      partner: 'P-PLATING',
      productCode: 'SHF-200',
      quantity: 10,
      expectedReturnAt: '2026-11-27T14:00:00+08:00',
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await app.stop();
  });

  const field = fc.oneof(
    fc.constantFrom('zhangwei', 'wangfang', '帮助', '异常 WO-DEMO-001 卡料'),
    printableText,
  );
  const callback = fc.record({
    from: field,
    msgId: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), printableText),
    type: fc.constantFrom('text', 'image', 'event', 'voice', 'x'),
    event: fc.constantFrom('enter_agent', 'click', 'scancode_push', 'template_card_event', 'subscribe'),
    content: fc.oneof(field, longText),
    eventKey: field,
    taskId: field,
  });

  it('callback: answers every properly signed callback with 200 or a refusal, and a refusal records nothing', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(callback, async (c) => {
        const now = app.clock.now();
        const xml =
          `<xml><ToUserName>${WECOM.corpId}</ToUserName><FromUserName>${xmlEscape(c.from)}</FromUserName>` +
          `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${c.type}</MsgType>` +
          `<Content>${xmlEscape(c.content)}</Content><MsgId>${xmlEscape(c.msgId)}</MsgId>` +
          `<MediaId>${xmlEscape(c.eventKey)}</MediaId><Event>${c.event}</Event>` +
          `<EventKey>${xmlEscape(c.eventKey)}</EventKey><TaskId>${xmlEscape(c.taskId)}</TaskId>` +
          `<ResponseCode>rc</ResponseCode><AgentID>${WECOM.agentId}</AgentID></xml>`;
        const request = encryptedCallback(xml, { now });
        const before = await tableSnapshot(app.orm);
        const res = await fetch(`${app.baseUrl}/wecom/callback?${request.query}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: request.body,
        });
        await res.text();
        tally(seen, String(res.status));
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) expect(await tableSnapshot(app.orm)).toEqual(before);
      }),
      runs(40),
    );
    expect([...seen.keys()].sort()).toEqual(['200', '400']);
  });

  const word = fc.constantFrom(
    '新建工单',
    '异常',
    '完工',
    '开工',
    '报修',
    '外发',
    '回厂',
    '领料',
    '关闭',
    '处理',
    '质检',
    '更正',
    '撤销',
    '派工',
    '取消工单',
    '停机',
    '延期保养',
    '工单',
    '取消',
    '帮助',
  );
  const argument = fc.oneof(
    fc.constantFrom(
      'WO-DEMO-001',
      'WO-DEMO-002',
      'CNC-01',
      'SHF-200',
      '传动轴',
      'E1',
      '@张伟',
      '12-08',
      '9999-12-31',
      '0000-01-01',
      '2147483648',
      '1e20',
      '-5',
      '五十',
      '300',
      '工序10',
    ),
    printableText,
  );
  const message = fc.tuple(
    fc.constantFrom('zhangwei', 'chenjing', 'wangfang', 'liuyang'),
    fc.oneof(
      fc.tuple(word, fc.array(argument, { maxLength: 5 })).map(([w, args]) => [w, ...args].join(' ')),
      // Commands that end in free text (a reason, a customer, a symptom), given far too much of it.
      fc
        .tuple(
          fc.constantFrom(
            '异常 WO-DEMO-001',
            '新建工单 传动轴 300 12-08',
            '报修 CNC-01',
            '取消工单 WO-DEMO-002',
          ),
          fc.oneof(printableText, longText),
        )
        .map(([command, rest]) => `${command} ${rest}`),
      anyText,
    ),
  );
  const boundsRefusal = /最多 \d+ 字（现在 \d+ 字）|超出了允许的范围|嵌套太深|的时间不合理/;
  const texts = (replies: OutboundContent[]) =>
    replies.flatMap((r) => (r.kind === 'text' || r.kind === 'markdown' ? [r.text] : []));

  it('chat: never answers with the internal error, and a bounds refusal changes nothing but the inbound record', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(message, async ([personId, text]) => {
        const before = await tableSnapshot(app.orm, ['inbound_events']);
        const replies = texts(await app.as(personId).say(text));
        expect(replies).not.toContain(chatMessages.internalError);
        const refused = replies.some((r) => boundsRefusal.test(r));
        tally(seen, refused ? 'bounds refusal' : 'other answer');
        if (refused) expect(await tableSnapshot(app.orm, ['inbound_events'])).toEqual(before);
      }),
      runs(60),
    );
    expect([...seen.keys()].sort()).toEqual(['bounds refusal', 'other answer']);
  });

  async function call(method: string, path: string, body: unknown) {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.text();
    return res;
  }

  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const pathId = fc.oneof(fc.constantFrom('ERP-1', 'P-PLATING', 'sunli', 'CNC-01'), printableText);
  const order = fc.record(
    {
      number: maybe(fc.oneof(anyText, fc.uuid())),
      partner: fc.oneof(fc.constant('P-PLATING'), anyText),
      productCode: fc.oneof(fc.constant('SHF-200'), anyText),
      quantity: anyNumber,
      expectedReturnAt: anyTime,
      shipDate: maybe(anyDay),
      customer: maybe(fc.oneof(anyText, fc.constant(null))),
      process: maybe(anyText),
      contact: maybe(anyText),
      coordinator: maybe(anyText),
      workOrder: maybe(anyText),
      operation: maybe(anyText),
      notes: maybe(anyText),
      customFields: maybe(anyJson),
    },
    { requiredKeys: ['partner', 'productCode', 'quantity', 'expectedReturnAt'] },
  );
  const patch = fc.record(
    {
      state: anyText,
      returnedQuantity: anyNumber,
      expectedReturnAt: anyTime,
      customer: fc.oneof(anyText, fc.constant(null)),
      notes: anyText,
      contact: anyText,
      customFields: anyJson,
    },
    { requiredKeys: [] },
  );
  const partner = fc.record({
    name: anyText,
    process: anyText,
    contacts: maybe(
      fc.array(fc.record({ id: anyText, name: anyText, wecom: maybe(anyText) }), { maxLength: 3 }),
    ),
  });
  const person = fc.record({
    name: anyText,
    roles: fc.constantFrom(['worker'], ['boss'], []),
    team: maybe(anyText),
  });
  const request = fc.oneof(
    order.map((body) => ({ method: 'POST', path: () => '/outsourcing-orders', body })),
    fc
      .tuple(pathId, patch)
      .map(([id, body]) => ({ method: 'PATCH', path: () => `/outsourcing-orders/${id}`, body })),
    fc.tuple(pathId, partner).map(([id, body]) => ({ method: 'PUT', path: () => `/partners/${id}`, body })),
    fc.tuple(pathId, person).map(([id, body]) => ({ method: 'PUT', path: () => `/people/${id}`, body })),
    fc
      .tuple(pathId, fc.record({ hours: anyValue }))
      .map(([id, body]) => ({ method: 'POST', path: () => `/equipment/${id}/hours`, body })),
    fc
      .tuple(pathId, anyValue)
      .map(([id, body]) => ({ method: 'POST', path: () => `/outsourcing-orders?x=${id.length}`, body })),
  );

  it('API: never answers 5xx, and a refused request changes no row', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body }) => {
        // The key's last use is written even for a refusal; nothing else may move.
        const before = await tableSnapshot(app.orm, ['api_keys']);
        const res = await call(
          method,
          path().replace(/[^/]+$/, (last) => encodeURIComponent(last)),
          body,
        );
        tally(seen, res.status < 300 ? '2xx' : '4xx');
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await tableSnapshot(app.orm, ['api_keys'])).toEqual(before);
      }),
      runs(60),
    );
    expect([...seen.keys()].sort()).toEqual(['2xx', '4xx']);
  });
});
