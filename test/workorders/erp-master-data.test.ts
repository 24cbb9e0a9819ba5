import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { Item } from '../../src/workorders/item.entity.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const text = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`)).join('\n');

/**
 * 单点录入: the ERP keeps SHF-200 (its bridge wrote it through the API), so 陈静 (planner) may
 * not rename it in chat and is told where to; BRK-100 is the shop's own and she may.
 */
describe('master data the ERP keeps is read-only in chat', () => {
  let app: DemoApp;
  let erp: string;
  beforeAll(async () => {
    app = await startDemoApp();
    erp = await createApiKey(app.orm.em.fork(), 'ERP', ['masterdata:write'], app.clock.now());
  });
  afterAll(() => app.stop());

  const item = (code: string) => app.orm.em.fork().findOneOrFail(Item, code);
  const renames = () => app.orm.em.fork().count(AuditEntry, { action: 'item.rename' });
  const putItem = async (code: string, body: unknown) => {
    const res = await fetch(`${app.baseUrl}/api/v1/items/${code}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${erp}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('marks an item the ERP writes through the API as the ERP’s, and the ERP may keep writing it', async () => {
    expect((await item('SHF-200')).source).toBe('local');
    const put = await putItem('SHF-200', { name: '传动轴' });
    expect([put.status, put.json.source, put.json.name]).toEqual([200, 'erp', '传动轴']);
    const again = await putItem('SHF-200', { name: '传动轴 A 型' });
    expect([again.status, again.json.name]).toEqual([200, '传动轴 A 型']);
    expect((await item('SHF-200')).source).toBe('erp');
  });

  it('refuses a planner’s rename of an ERP item, saying where it lives, and changes nothing', async () => {
    expect(text(await app.as('chenjing').say('改名 物料 shf-200 传动轴B'))).toBe(
      '物料 SHF-200「传动轴 A 型」由 ERP 维护（连同它的工艺路线和物料清单），这里不能修改。请在 ERP 中修改，下次同步后会自动更新。',
    );
    expect((await item('SHF-200')).name).toBe('传动轴 A 型');
    expect(await renames()).toBe(0);
  });

  it('renames an item kept here, with who did it in the audit trail', async () => {
    expect(text(await app.as('chenjing').say('改名 物料 BRK-100 安装支架 B 型'))).toBe(
      '已把物料 BRK-100 从「安装支架」改名为「安装支架 B 型」。',
    );
    expect(await item('BRK-100')).toMatchObject({ name: '安装支架 B 型', source: 'local' });
    const [entry] = await app.orm.em.fork().find(AuditEntry, { action: 'item.rename' });
    expect([entry?.actorId, entry?.subjectId, entry?.details]).toEqual([
      'chenjing',
      'BRK-100',
      { from: '安装支架', to: '安装支架 B 型' },
    ]);
    expect(text(await app.as('chenjing').say('改名 物料 BRK-100 安装支架 B 型'))).toBe(
      '物料 BRK-100 已经叫「安装支架 B 型」，没有改动。',
    );
    expect(text(await app.as('chenjing').say('改名 工序 BRK-100 冲压'))).toBe(
      '目前只能改物料的名称：改名 物料 <编码> <新名称>（不能改「工序」）。',
    );
    expect(text(await app.as('chenjing').say('改名 物料 NOPE 新名'))).toBe(
      '没有物料「NOPE」。请写物料编码或名称，发送「物料列表」可以查看。',
    );
    expect(await renames()).toBe(1);
  });

  it('lets the API hand an item back to the shop (source local), after which chat may rename it', async () => {
    expect((await putItem('SHF-200', { name: '传动轴 A 型', source: 'local' })).json.source).toBe('local');
    expect(text(await app.as('chenjing').say('改名 物料 SHF-200 传动轴'))).toBe(
      '已把物料 SHF-200 从「传动轴 A 型」改名为「传动轴」。',
    );
  });
});
