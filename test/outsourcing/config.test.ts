import { describe, expect, it } from 'vitest';
import { loadFactoryConfig, parseFactoryConfig } from '../../src/config/factory-loader.js';
import { statesOf } from '../../src/outsourcing/states.js';
import { problemsOf } from '../support/config-problems.js';

describe('outsourcing states and reminders in factory.yaml', () => {
  it('by default: 已发货 → 加工中 → 待质检 → 已完成, one step at a time', () => {
    const states = statesOf(parseFactoryConfig('').outsourcing);
    expect(states.all.map((s) => s.name)).toEqual(['已发货', '加工中', '待质检', '已完成']);
    expect(['shipped', 'processing', 'inspecting', 'done'].map((s) => states.allowedFrom(s))).toEqual([
      ['processing'],
      ['inspecting'],
      ['done'],
      [],
    ]);
    expect(states.awaitingReturn).toEqual(['shipped', 'processing']);
    expect(states.open).toEqual(['shipped', 'processing', 'inspecting']);
  });

  it('a factory declares its own states and transitions; reminders keep the defaults it leaves out', () => {
    const config = parseFactoryConfig(`
outsourcing:
  states:
    - { id: sent, name: 已发出 }
    - { id: plating, name: 电镀中 }
    - { id: back, name: 已回厂, returned: true }
    - { id: checked, name: 已检验 }
    - { id: closed, name: 结案, final: true }
  transitions:
    sent: [plating, back]
    plating: [back]
    back: [checked, plating]
    checked: [closed]
reminders: { warnHours: 12 }
`);
    const states = statesOf(config.outsourcing);
    expect(states.allowedFrom('back')).toEqual(['checked', 'plating']);
    expect(states.isBack('checked')).toBe(true);
    expect(states.parse('电镀中')?.id).toBe('plating');
    expect(['发回', '送回'].map((word) => states.parse(word)?.id)).toEqual(['back', 'back']);
    expect(config.reminders).toEqual({
      warnHours: 12,
      repeatHours: 4,
      escalateHours: 8,
      supervisorHours: 24,
    });
  });

  it('refuses unknown states in transitions, a list without a returned or a final state, and a broken custom-field schema', () => {
    expect(
      problemsOf(`
outsourcing:
  states: [{ id: a, name: 甲 }, { id: b, name: 乙 }]
  transitions: { a: [c] }
  customFields: { type: object, properties: { x: { type: colour } } }
`),
    ).toEqual([
      'factory.yaml: outsourcing.states: mark the state a returned batch enters with "returned: true"',
      'factory.yaml: outsourcing.states: mark the closing state with "final: true"',
      'factory.yaml: outsourcing.transitions.a: no state with id "c"',
      expect.stringMatching(/^factory\.yaml: outsourcing\.customFields: not a usable JSON Schema: /),
    ]);
    expect(problemsOf('reminders: { repeatHours: 0 }')).toEqual([
      'factory.yaml: reminders.repeatHours: must be > 0',
    ]);
  });

  it('the documented example file carries the outsourcing and reminder sections', () => {
    const { config } = loadFactoryConfig('factory.example.yaml');
    expect(config.reminders.warnHours).toBe(24);
    expect(statesOf(config.outsourcing).allowedFrom('inspecting')).toEqual(['done', 'processing']);
  });
});
