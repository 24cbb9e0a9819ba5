import { describe, expect, it } from 'vitest';
import { templateParams } from '../../src/channels/dingtalk/card-template.js';
import { cardMessage } from '../../src/channels/dingtalk/robot-messages.js';
import { cardAsMarkdown } from '../../src/channels/shared/card-markdown.js';
import type { CardView } from '../../src/chat/cards/card-view.js';
import { escapeWecomMarkdown } from '../../src/chat/text/markdown-escape.js';
import { digestMarkdown } from '../../src/digest/messages.js';

/** What a worker might type as a repair symptom to restyle, link or @ a whole group. */
const symptom = '**急** [点我](http://evil.example) <@all>\n# 全员停工 _斜_ ![图](x)';

const repairCard: CardView = {
  ref: 'abcdefabcdef',
  original: 'abcdefabcdef',
  title: '维修 R1 · CNC-01',
  fields: [{ label: '故障现象', value: symptom }],
  buttons: [],
  selects: [],
};

describe('people’s words in group markdown', () => {
  it('a WeCom group sees the symptom as typed: no bold, link, mention or heading', () => {
    expect(cardAsMarkdown(repairCard, escapeWecomMarkdown).text).toBe(
      '**维修 R1 · CNC-01**\n\n> 故障现象：＊＊急＊＊ ［点我］(http://evil.example) ＜@all＞\n＃ 全员停工 _斜_ !［图］(x)',
    );
  });

  it('DingTalk escapes its own dialect too (italics, images), in the markdown copy and the card template', () => {
    const escaped = '＊＊急＊＊ ［点我］(http://evil.example) ＜@all＞\n＃ 全员停工 ＿斜＿ ！［图］(x)';
    expect(cardMessage(repairCard)).toEqual({
      msgKey: 'sampleMarkdown',
      msgParam: { title: '[卡片] 维修 R1 · CNC-01', text: `**维修 R1 · CNC-01**\n\n> 故障现象：${escaped}` },
    });
    expect(templateParams(repairCard).fields).toBe(`**故障现象**：${escaped}`);
  });

  it('the morning digest shows an exception reason as typed, on either platform', () => {
    const { text } = digestMarkdown(
      {
        day: '2026-11-23',
        from: new Date('2026-11-23T00:00:00Z'),
        to: new Date('2026-11-24T00:00:00Z'),
        orders: [],
        totals: {
          reports: 0,
          corrections: 0,
          earlierCorrected: 0,
          good: 0,
          scrap: 0,
          scrapRate: 0,
          finished: 0,
        },
        materials: [],
        equipment: [],
        atRisk: [],
        openExceptions: [
          {
            id: 3,
            kind: 'material',
            number: 'WO-1',
            reason: '缺 **M8** [螺母](http://x)',
            ageHours: 2,
            status: 'open',
          },
        ],
      },
      '示范工厂',
      { from: '11-23 08:00', to: '11-24 08:00' },
    );
    expect(text.split('\n').at(-1)).toBe('- E3 缺料 WO-1：缺 ＊＊M8＊＊ ［螺母］(http://x)（已 2 小时）');
  });
});
