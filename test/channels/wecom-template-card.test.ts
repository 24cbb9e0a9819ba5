import { describe, expect, it } from 'vitest';
import type { CardView } from '../../src/chat/cards/card-view.js';
import { renderTemplateCard, wecomTaskId } from '../../src/channels/wecom-shared/template-card.js';
import {
  assertValidTemplateCard,
  InvalidTemplateCardError,
} from '../../src/channels/wecom-shared/template-card-schema.js';

const base: CardView = {
  ref: 'AbCdEfGhIjKl',
  original: 'AbCdEfGhIjKl',
  title: 'WO-20261124-001 车削',
  subtitle: '数控组 · 张伟',
  fields: [
    { label: '计划', value: '100 件' },
    { label: '已完成', value: '40 件' },
  ],
  buttons: [
    { key: 'AbCdEfGhIjKl.0', text: '开工', style: 'primary' },
    { key: 'AbCdEfGhIjKl.1', text: '完工', style: 'default' },
  ],
  selects: [],
};
const options = { taskId: wecomTaskId(base.original, 17), openUrl: 'https://factory.example/tasks' };

describe('WeCom template_card rendering', () => {
  it('draws buttons as a button_interaction card with our opaque keys', () => {
    const card = renderTemplateCard(base, options);
    expect(card).toMatchObject({
      card_type: 'button_interaction',
      task_id: 'sfb-AbCdEfGhIjKl-17',
      main_title: { title: 'WO-20261124-001 车削', desc: '数控组 · 张伟' },
      horizontal_content_list: [
        { keyname: '计划', value: '100 件' },
        { keyname: '已完成', value: '40 件' },
      ],
      button_list: [
        { type: 0, text: '开工', style: 1, key: 'AbCdEfGhIjKl.0' },
        { type: 0, text: '完工', style: 2, key: 'AbCdEfGhIjKl.1' },
      ],
    });
  });

  it('draws selects as a multiple_interaction card submitted by the first button', () => {
    const card = renderTemplateCard(
      {
        ...base,
        selects: [{ key: 'AbCdEfGhIjKl.s0', title: '派给', options: [{ id: 'zhangwei', text: '张伟' }] }],
      },
      options,
    );
    expect(card).toMatchObject({
      card_type: 'multiple_interaction',
      select_list: [
        { question_key: 'AbCdEfGhIjKl.s0', title: '派给', option_list: [{ id: 'zhangwei', text: '张伟' }] },
      ],
      submit_button: { text: '开工', key: 'AbCdEfGhIjKl.0' },
    });
  });

  it('draws a card with nothing to tap as a text_notice that opens a page, and keeps overflow fields', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `项${i}`, value: String(i) }));
    const card = renderTemplateCard({ ...base, buttons: [], fields, closedNote: '已完工' }, options);
    expect(card).toMatchObject({
      card_type: 'text_notice',
      card_action: { type: 1, url: 'https://factory.example/tasks' },
    });
    expect(card.horizontal_content_list).toHaveLength(6);
    expect(card.sub_title_text).toBe('项6：6；项7：7；已完工');
  });

  it('cuts long display text instead of failing, since WeCom only suggests those lengths', () => {
    const card = renderTemplateCard({ ...base, title: '很'.repeat(60) }, options);
    expect([...(card.main_title as { title: string }).title]).toHaveLength(36);
  });

  it('refuses what WeCom would refuse: a bad task id, seven buttons, a key over 1024 bytes', () => {
    const valid = renderTemplateCard(base, options);
    expect(() => assertValidTemplateCard({ ...valid, task_id: 'has space' })).toThrow(
      InvalidTemplateCardError,
    );
    const seven = Array.from({ length: 7 }, (_, i) => ({ type: 0, text: `b${i}`, key: `k${i}` }));
    expect(() => assertValidTemplateCard({ ...valid, button_list: seven })).toThrow(/button_list/);
    expect(() =>
      assertValidTemplateCard({ ...valid, button_list: [{ type: 0, text: 'x', key: 'k'.repeat(1025) }] }),
    ).toThrow();
  });

  it('makes task ids WeCom accepts from any suffix', () => {
    expect(wecomTaskId('AbCdEfGhIjKl', 'user:zhang wei')).toBe('sfb-AbCdEfGhIjKl-user_zhang_wei');
  });
});
