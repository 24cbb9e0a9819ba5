import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

describe('齐套 on the demo shop', () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await startDemoApp();
  });
  afterAll(() => app.stop());

  it('finds the one planned order the bar stock does not cover', async () => {
    const replies = await app.as('chenjing').say('齐套');
    expect(replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`))).toEqual([
      [
        '齐套率 88.9%（8/9 单），按交期先后占用库存',
        '✅ 可开工 8 单：WO-DEMO-004（交期 11-23）、WO-DEMO-003（交期 11-25）、WO-DEMO-002（交期 11-26）、WO-DEMO-012（交期 11-27）、WO-DEMO-001（交期 11-29）、WO-DEMO-005（交期 12-01）、WO-DEMO-006（交期 12-04）、WO-DEMO-010（交期 12-06）',
        '❌ 缺料 1 单：',
        // BAR-45: 1,400 kg less the 180 issued = 1,220; by due date WO-DEMO-003 takes 360, 001
        // its last 108 (288 less the 180 issued), 005 600, 006 120: 32 left for 009's 180.
        '- WO-DEMO-009（交期 12-08）：45# 圆钢（BAR-45）缺 148kg（需 180，可用 32）',
      ].join('\n'),
    ]);
  });
});
