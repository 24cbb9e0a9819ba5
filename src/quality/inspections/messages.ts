import type { RejectReason } from '../config.js';

const reasonList = (reasons: readonly RejectReason[]) => reasons.map((r) => `${r.code} ${r.name}`).join('、');

/** What 首检 and 终检 say, in one place for review and translation (part of the quality capability's words). */
export const inspectionMessages = {
  measuredTwice: (name: string) => `「${name}」写了两次，请每个特性只写一个实测值。`,
  unknownCharacteristic: (operation: string, name: string, declared: string[]) =>
    `工序「${operation}」的检验特性没有「${name}」。可写：${declared.join('、')}。`,
  notAMeasurement: (name: string, value: string) =>
    `「${name}=${value}」不是数值，请写实测数值，例如 ${name}=20.01。`,
  extraWords: (words: string) => `多余的内容：「${words}」。实测值请写成 特性=数值，例如 外径=20.01。`,
  outOfLimits: (items: string[]) => `⚠️ 超差：${items.join('；')}`,
  firstArticleHelp: '首件检验，如 首检 WO-0042 工序10 合格；合格之前这道工序只能报首件',
  finalHelp:
    '终检：登记合格、不合格（带原因码）和返工的件数，如 终检 WO-0042 合格 95 不合格 3 原因 D01 返工 2；' +
    '序列号管理的物料，合格件自动编序列号，也可扫码登记（序列号 A1,A2）',
  passWord: '合格',
  failWord: '不合格',

  /** The worker's 报工 went past the first pieces while no first article has passed. */
  held: (order: string, operation: string, held: number, before: number, qc: readonly string[]) =>
    `${order}「${operation}」要先首检：首检合格前只能报 ${held} 件首件（已报 ${before} 件）。` +
    `请找质检${qc.length > 0 ? ` ${qc.join('、')} ` : ''}做首检，合格后再报工。`,
  askQc: (
    order: string,
    operation: string,
    sequence: number,
    pieces: number,
    reasons: readonly RejectReason[],
  ) =>
    `首检：${order}「${operation}」首件 ${pieces} 件已报工，等您检验。` +
    `请发送「首检 ${order} 工序${sequence} 合格」或「首检 ${order} 工序${sequence} 不合格 <原因码> [说明]」。` +
    `原因码：${reasonList(reasons)}`,
  firstArticlePassed: (order: string, operation: string, inspector: string) =>
    `首检合格：${order}「${operation}」（${inspector}），可以继续报工。`,
  firstArticleFailed: (order: string, operation: string, inspector: string, reason: string) =>
    `首检不合格：${order}「${operation}」（${inspector}）：${reason}。请调整后重做首件并报工，质检会再检。`,
  recordedPass: (order: string, operation: string) =>
    `已记录首检合格：${order}「${operation}」，已通知操作工继续生产。`,
  recordedFail: (order: string, operation: string, reason: string) =>
    `已记录首检不合格：${order}「${operation}」（${reason}），该工序仍暂停在首件。`,

  notFlagged: (order: string, operation: string) => `${order}「${operation}」不需要首检。`,
  noneFlagged: (order: string) => `${order} 的工序都不要求首检（工艺路线里没有标首检的工序）。`,
  flaggedAllDone: (order: string) => `${order} 要首检的工序都已完工，没有等首检的了。`,
  whichFirstArticle: (order: string, ops: string[]) =>
    `${order} 首检哪道工序？请回复工序号：${ops.join('、')}。下次可以一次写全，例如「首检 ${order} 工序${ops[0]?.split(' ')[0] ?? '10'} 合格」。`,
  alreadyPassed: (order: string, operation: string) => `${order}「${operation}」的首检已经合格，无需再检。`,
  nothingToInspect: (order: string, operation: string, pieces: number) =>
    `${order}「${operation}」的首件还没报工（需 ${pieces} 件），请等操作工报工后再检。`,
  badVerdict: (given: string) => `请写「合格」或「不合格」，不是「${given}」。`,
  unknownReason: (code: string, reasons: readonly RejectReason[]) =>
    `没有原因码「${code}」。可用的原因码：${reasonList(reasons)}`,
  reasonNeeded: (reasons: readonly RejectReason[]) =>
    `有不合格品时请写原因码，例如「原因 ${reasons[0]?.code ?? ''}」。可用的原因码：${reasonList(reasons)}`,
  reasonWithoutRejects: '只有写了不合格数量时才写原因码。',
  emptyFinal: '终检数量不能都是 0。',
  notWhole: (label: string, value: number) => `${label}必须是整数件数，不是 ${value}。`,
  overFinal: (order: string, operation: string, asked: number, waiting: number) =>
    `终检数量超出：${order} 末道工序「${operation}」待检 ${waiting} 件，您检了 ${asked} 件。请核对后重发。`,
  finalRecorded: (
    order: string,
    f: {
      accepted: number;
      rejected: number;
      rework: number;
      reason?: string;
      waitingAfter: number;
      reworkLabel?: string;
      operator?: string;
    },
  ) =>
    [
      `已记录终检：${order} 合格 ${f.accepted} 件`,
      f.rejected > 0 ? `，不合格 ${f.rejected} 件（${f.reason ?? ''}）` : '',
      f.rework > 0
        ? `，返工 ${f.rework} 件（返工单 ${f.reworkLabel ?? ''}，${f.operator ? `已通知 ${f.operator}` : '该工序没有指派人，请班组长安排'}）`
        : '',
      `。还有 ${f.waitingAfter} 件待检。`,
    ].join(''),

  reworkHelp: '返工做完后报数，如 返工完成 RW3 8 报废 1；合格的回到待终检',
  reworkOrdered: (order: string, operation: string, pieces: number, label: string, inspector: string) =>
    `返工：${order}「${operation}」终检有 ${pieces} 件要返工（返工单 ${label}，质检 ${inspector}）。` +
    `返工后发送「返工完成 ${label} <合格数> [报废 <数>]」。`,
  reworkBack: (order: string, operation: string, label: string, good: number, scrap: number, by: string) =>
    `返工完成：${order}「${operation}」${label}（${by}）合格 ${good} 件${scrap > 0 ? `，报废 ${scrap} 件` : ''}` +
    `${good > 0 ? `；${good} 件回到待终检` : ''}。`,
  reworkRecorded: (label: string, good: number, scrap: number) =>
    `已记录返工完成 ${label}：合格 ${good} 件${scrap > 0 ? `，报废 ${scrap} 件` : ''}，已通知质检。`,
  reworkNotFound: (label: string) => `没有返工单 ${label}。`,
  reworkAlreadyDone: (label: string) => `返工单 ${label} 已经完成。`,
  notYourRework: (label: string) => `返工单 ${label} 不是派给您的，请找班组长。`,
  reworkCount: (label: string, quantity: number, given: number) =>
    `返工单 ${label} 共 ${quantity} 件，合格加报废应等于 ${quantity} 件，您写了 ${given} 件。`,
  badReworkRef: (ref: string) => `请写返工单号，如 RW3，不是「${ref}」。`,
};
