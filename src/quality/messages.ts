import type { SerialSpan } from './serials/serial-spans.js';
import type { LotTrace } from './lot-trace.js';
import type { OrderTrace } from './order-trace.js';
import type { SerialOrigin, TraceKind } from './trace-service.js';

type When = (at: Date) => string;

const INSPECTION_WORDS: Record<string, string> = {
  first_article: '首检',
  final: '终检',
  patrol: '巡检',
  outsourced: '外协质检',
};
type Names = Record<string, string>;
/** One serial, or how many and the lowest and highest (scanned labels need not run in order). */
const spanText = (s: SerialSpan) => (s.count === 1 ? s.first : `${s.count} 个（${s.first} … ${s.last}）`);
const KIND_NAMES: Record<TraceKind, string> = { lot: '批次号', order: '工单号', serial: '序列号' };
/** What `追溯 <词> <编号>` says to pick one; the same words the command reads. */
const KIND_WORDS: Record<TraceKind, string> = { lot: '批次', order: '工单', serial: '序列号' };
const QC_WORDS: Record<string, string> = { pass: '合格', fail: '不合格', concession: '让步接收' };

/** `，质检合格 29，不合格 1（H01）`: what 外协质检 counted; undefined when it counted nothing. */
function qcCounts(qc: OrderTrace['outsourcing'][number]['qc']): string | undefined {
  const parts = [
    qc.accepted > 0 ? `合格 ${qc.accepted}` : '',
    qc.concession > 0 ? `让步 ${qc.concession}` : '',
    qc.rejected > 0 ? `不合格 ${qc.rejected}` : '',
    qc.rework > 0 ? `返工 ${qc.rework}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  return `，质检${parts.join('，')}${qc.reasonCodes.length > 0 ? `（${qc.reasonCodes.join('、')}）` : ''}`;
}

/** What 追溯 says, in one place for review and translation. */
export const qualityMessages = {
  traceHelp:
    '一条消息查来龙去脉：批次用在了哪些工单；工单或产品序列号用了哪些批次（供应商）、谁在哪台设备上做的、出过什么异常',
  lotWord: '批次',
  materialLotWord: '物料批次',
  orderWord: '工单',
  serialWord: '序列号',
  printablePage: (url: string, hours: number) => `打印或转发给客户：${url}（${hours} 小时内有效）`,
  /** The photos of a trace's inspections, one line each, as links that open them. */
  tracePhotos: (photos: ReadonlyArray<{ label: string; url: string }>, hours: number) =>
    [`检验照片（链接 ${hours} 小时内有效）：`, ...photos.map((p) => `- ${p.label}：${p.url}`)].join('\n'),
  inspectionPhotoLabel: (kind: string, order: string, operation: string, at: string, n: number, of: number) =>
    `${INSPECTION_WORDS[kind] ?? kind} ${order}「${operation}」 ${at}${of > 1 ? `（${n}/${of}）` : ''}`,
  pageTitle: (factory: string, code: string) => `${factory} · ${code} 追溯报告`,
  pageGenerated: (at: string) => `生成于 ${at}，内容为打开此页时的记录。`,
  printButton: '打印',
  pageExpired: '这个追溯链接已过期或无效，请在聊天中重新发送「追溯 编号」。',
  nothingFound: (code: string) => `没有找到批次、工单或序列号「${code}」。请检查编号。`,
  codeTooLong: (max: number) => `编号最多 ${max} 个字符。`,
  /** `既是批次号也是序列号`, and how to say which one is meant. */
  ambiguous(code: string, kinds: readonly TraceKind[]): string {
    const names = kinds.map((k) => KIND_NAMES[k]);
    const both =
      names.length === 2
        ? `既是${names[0]}也是${names[1]}`
        : `既是${names.slice(0, -1).join('、')}，也是${names.at(-1)}`;
    const ways = kinds.map((k) => `「追溯 ${KIND_WORDS[k]} ${code}」`).join('或');
    return `「${code}」${both}。请写${ways}。`;
  },

  /** The line above a serial's order trace: which piece it is and who accepted it. */
  serial: (s: SerialOrigin, when: When) =>
    `序列号 ${s.number}：工单 ${s.order}${s.lot !== s.order ? `（产出批次 ${s.lot}）` : ''}的产品，${when(s.inspectedAt)} ${s.inspector} 终检合格${s.source === 'scanned' ? '（扫码登记）' : ''}`,

  lot(t: LotTrace, when: When, statusNames: Names): string {
    const lines = [
      `批次 ${t.lotNumber}：${t.itemName}（${t.itemCode}）${t.supplier ? `，供应商 ${t.supplier}` : ''}`,
      `${when(t.receivedAt)} 入库 ${t.received}${t.unit}，现存 ${t.remaining}${t.unit}`,
    ];
    if (t.issues.length === 0) lines.push('还没有工单领用过这个批次。');
    else {
      lines.push(`用于 ${t.issues.length} 张工单：`);
      for (const i of t.issues)
        lines.push(
          `- ${i.order} ${i.itemName}（${statusNames[i.status] ?? i.status}${i.customer ? `，客户 ${i.customer}` : ''}）：领用 ${i.quantity}${t.unit}，${when(i.firstAt)} 起${i.serials ? `；序列号 ${spanText(i.serials)}` : ''}`,
        );
    }
    return lines.join('\n');
  },

  order(t: OrderTrace, when: When, names: { status: Names; kinds: Names; exceptionStatus: Names }): string {
    const lines = [
      `工单 ${t.number}：${t.itemName} × ${t.quantity}（${names.status[t.status] ?? t.status}，交期 ${t.dueDate}${t.customer ? `，客户 ${t.customer}` : ''}）`,
    ];
    lines.push(
      t.lots.length === 0
        ? '材料：没有领料记录。'
        : `材料：${t.lots.map((l) => `${l.lotNumber} ${l.itemName} ${l.quantity}${l.unit}${l.supplier ? `（供应商 ${l.supplier}）` : ''}`).join('；')}`,
    );
    lines.push('工序：');
    for (const o of t.operations) {
      const who =
        o.people.length > 0
          ? `${o.people.join('、')}${o.teams.length > 0 ? `（${o.teams.join('、')}）` : ''}`
          : '还没有人报工';
      const machines = o.machines.length > 0 ? `，设备 ${o.machines.join('、')}` : '';
      const span =
        o.firstReportAt && o.lastReportAt
          ? `，${when(o.firstReportAt)}${o.lastReportAt > o.firstReportAt ? ` 至 ${when(o.lastReportAt)}` : ''}`
          : '';
      // Pieces can come back to an operation nobody reported on (an outsourced one): only 0 and 0 go unsaid.
      const counts = o.people.length > 0 || o.good + o.scrap !== 0 ? `；合格 ${o.good}，报废 ${o.scrap}` : '';
      lines.push(`- ${o.sequence} ${o.name}：${who}${machines}${counts}${span}`);
      for (const i of o.inspections)
        lines.push(
          `  ${INSPECTION_WORDS[i.kind] ?? i.kind} ${when(i.at)} ${i.inspector}：合格 ${i.accepted}${i.rejected > 0 ? `，不合格 ${i.rejected}${i.reasonCode ? `（${i.reasonCode}）` : ''}` : ''}${i.rework > 0 ? `，返工 ${i.rework}` : ''}${i.note ? `；${i.note}` : ''}${i.outOfLimits.length > 0 ? `；⚠️ 超差 ${i.outOfLimits.join('；')}` : ''}${i.photos.length > 0 ? `；照片 ${i.photos.length} 张` : ''}`,
        );
      if (o.parameters.length > 0)
        lines.push(
          `  参数：${[...new Set(o.parameters.map((p) => p.report))]
            .map(
              (report) =>
                `B${report} ` +
                o.parameters
                  .filter((p) => p.report === report)
                  .map(
                    (p) =>
                      `${p.name} ${p.value}${p.unit}${p.outOfLimits ? `（超限${p.exceptionId ? ` E${p.exceptionId}` : ''}）` : ''}`,
                  )
                  .join('，'),
            )
            .join('；')}`,
        );
    }
    if (t.serials) lines.push(`序列号：${spanText(t.serials)}`);
    for (const o of t.outsourcing)
      lines.push(
        `外发 ${o.number}：${o.partner} ${o.process} ${o.quantity} 件${o.operation ? `（工序「${o.operation}」）` : ''}（${o.state}），${o.shipDate} 发出` +
          (o.returnedAt ? `，${when(o.returnedAt)} 回厂 ${o.returned} 件` : '') +
          (qcCounts(o.qc) ?? (o.qcResult ? `，质检${QC_WORDS[o.qcResult] ?? o.qcResult}` : '')),
      );
    for (const e of t.exceptions)
      lines.push(
        `异常 E${e.id} ${names.kinds[e.kind] ?? e.kind}（${names.exceptionStatus[e.status] ?? e.status}）` +
          `${when(e.raisedAt)} ${e.raisedBy}${e.operation ? `「${e.operation}」` : ''}：${e.reason}`,
      );
    return lines.join('\n');
  },
};
