import type { ProcessParameter } from '../config.js';

const limitsOf = (p: ProcessParameter): string =>
  p.min !== undefined && p.max !== undefined
    ? `${p.min}~${p.max}${p.unit}`
    : p.min !== undefined
      ? `≥${p.min}${p.unit}`
      : p.max !== undefined
        ? `≤${p.max}${p.unit}`
        : p.unit;

/** What 参数 says, in one place for review and translation. */
export const parameterMessages = {
  help: '记录一条报工的工艺参数，如 参数 B12 温度=230 扭矩=12；超出上下限会立即生成质量异常',
  limitsOf,
  ask: (label: string, order: string, operation: string, params: readonly ProcessParameter[]) =>
    `${order}「${operation}」要记录工艺参数：${params.map((p) => `${p.name}（${limitsOf(p)}）`).join('、')}。` +
    `请发送「参数 ${label} ${params.map((p) => `${p.name}=<值>`).join(' ')}」。`,
  badRef: (ref: string) => `「${ref}」不是报工号。请写 B 加数字，如 B12。`,
  reportNotFound: (ref: string) => `没有报工 ${ref}。`,
  noneDeclared: (order: string, operation: string) => `${order}「${operation}」没有要记录的工艺参数。`,
  unknown: (name: string, declared: readonly ProcessParameter[]) =>
    `没有工艺参数「${name}」。这道工序的参数：${declared.map((p) => p.name).join('、')}。`,
  notANumber: (name: string, value: string) => `参数 ${name} 的值「${value}」不是数字。`,
  badPair: (word: string) => `「${word}」看不懂。请写 名=值，如 温度=230。`,
  noValues: '请写要记录的参数，如：参数 B12 温度=230。',
  changed: (name: string, was: number, unit: string) =>
    `参数 ${name} 已记录为 ${was}${unit}，不能改写。如有误请报异常说明。`,
  notYours: (label: string) => `报工 ${label} 不是您的报工，只能记录自己报工的参数。`,
  exceptionReason: (label: string, name: string, value: number, p: ProcessParameter) =>
    `质量问题：工艺参数超限 ${name} ${value}${p.unit}（要求 ${limitsOf(p)}，报工 ${label}）`,
  recorded: (label: string, lines: readonly string[]) =>
    `已记录报工 ${label} 的工艺参数：${lines.join('，')}。`,
  line: (name: string, value: number, unit: string, out: boolean, exceptionId: number | null) =>
    `${name} ${value}${unit}${out ? `（超限，已报异常 E${exceptionId ?? ''}）` : ''}`,
};
