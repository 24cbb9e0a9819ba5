import { describe, expect, it } from 'vitest';
import { maintenanceCard, type MaintenanceCardData } from '../../cards/maintenance-card.js';
import { repairCard, type RepairCardData } from '../../cards/repair-card.js';
import type { CardView } from '../../src/chat/cards/card-view.js';
import type { CardSpec } from '../../src/chat/cards/issue-card.js';
import { fitsTemplate, templateParams } from '../../src/channels/dingtalk/card-template.js';
import { renderTemplateCard } from '../../src/channels/wecom-shared/template-card.js';

/** A spec as the platforms receive it, with opaque keys in place of the actions. */
const view = (spec: CardSpec): CardView => ({
  ref: 'r0',
  original: 'r0',
  title: spec.title,
  fields: spec.fields,
  buttons: spec.buttons.map((b, i) => ({ key: `r0.${i}`, text: b.text, style: b.style ?? 'default' })),
  selects: [],
  ...(spec.closedNote ? { closedNote: spec.closedNote } : {}),
});

const ticket = (state: RepairCardData['state']): RepairCardData => ({
  id: 12,
  equipmentCode: 'CNC-01',
  equipmentName: '数控车床 1 号',
  symptom: '主轴异响，加工表面有振纹，怀疑前轴承磨损，需要尽快停机检查',
  reported: '张伟 11-23 08:00',
  technician: '高远',
  state,
  stateName: state,
  limit: state === 'archived' ? undefined : '报修 30 分钟内（11-23 08:30 前）',
  archivedNote: '王芳 已于 11-23 11:30 验收归档',
});

const round = (status: MaintenanceCardData['status']): MaintenanceCardData => ({
  id: 3,
  equipmentCode: 'EXT-01',
  equipmentName: '吹膜机',
  planName: '更换滤网',
  dueBecause: '运行满 720 小时',
  deadline: '11-24 08:00',
  checklist: ['停机断电', '更换滤网', '试机'],
  responsible: '高远',
  status,
  statusName: status,
  doneNote: '高远 已于 11-24 15:00 完成',
});

describe('the maintenance and repair cards on the platforms', () => {
  it('every repair state renders as a WeCom template card within its limits, and in the DingTalk template', () => {
    const buttons = (['reported', 'accepted', 'repairing', 'verifying', 'archived'] as const).map((state) => {
      const card = view(repairCard(ticket(state)));
      const wecom = renderTemplateCard(card, { taskId: `t-${state}`, openUrl: 'https://example.test/' });
      expect(fitsTemplate(card)).toBe(true);
      expect(templateParams(card).title).toBe('维修 R12 · CNC-01 数控车床 1 号');
      return [wecom.card_type, card.buttons.map((b) => b.text)];
    });
    expect(buttons).toEqual([
      ['button_interaction', ['接单']],
      ['button_interaction', ['开始维修']],
      ['button_interaction', ['维修完成']],
      ['button_interaction', ['验收通过', '验收不通过']],
      ['text_notice', []],
    ]);
  });

  it('a maintenance round offers 接单 until taken, then 完成 and 延期, and closes with who did it', () => {
    const rendered = (['open', 'accepted', 'done'] as const).map((status) => {
      const card = view(maintenanceCard(round(status)));
      const wecom = renderTemplateCard(card, { taskId: `m-${status}`, openUrl: 'https://example.test/' });
      return [wecom.card_type, card.buttons.map((b) => `${b.text}:${b.style}`), wecom.sub_title_text ?? ''];
    });
    expect(rendered).toEqual([
      ['button_interaction', ['接单:primary', '完成:default', '延期:default'], ''],
      ['button_interaction', ['完成:primary', '延期:default'], ''],
      ['text_notice', [], '高远 已于 11-24 15:00 完成'],
    ]);
  });
});
