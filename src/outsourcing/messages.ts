/** Everything outsourcing says to people (chat, SMS, the partner page, the board), in one place. */
import { formatDuration } from '../shared/display.js';
import type { QcResult } from './outsourcing-order.entity.js';

/** A line's worth of an order, as the messages describe it. */
export interface OrderLine {
  number: string;
  partnerName: string;
  process: string;
  productCode: string;
  productName: string;
  quantity: number;
  returned: number;
  stateName: string;
  /** `11-24 14:00`, factory time. */
  due: string;
}

const product = (o: OrderLine) =>
  o.productName === o.productCode ? o.productCode : `${o.productName}（${o.productCode}）`;

/** A span of milliseconds passed, in whole minutes: `3 小时 5 分钟`, `2 天 3 小时`. */
export function duration(ms: number): string {
  return formatDuration(Math.floor(ms / 60_000));
}

const badQuantity = (text: string) => `「${text}」不是有效的数量，请输入正整数，例如 5000。`;

const qcNames: Record<QcResult, string> = { pass: '合格', fail: '不合格', concession: '让步接收' };

export const outsourcingMessages = {
  qcNames,
  qcWords: { 合格: 'pass', 不合格: 'fail', 让步: 'concession', 让步接收: 'concession' } as Record<
    string,
    QcResult
  >,

  orderLine: (o: OrderLine) =>
    `${o.number} ${o.partnerName}·${o.process} ${product(o)} ${o.quantity} 件，「${o.stateName}」，应回 ${o.due}` +
    (o.returned > 0 && o.returned < o.quantity ? `，已回 ${o.returned}/${o.quantity}` : ''),

  // — refusals —
  orderNotFound: (number: string) => `没有找到外发单「${number}」。发送「外发列表」查看。`,
  partnerNotFound: (text: string) => `没有找到外协厂「${text}」。`,
  partnerAmbiguous: (text: string, names: string[]) =>
    `「${text}」对应多家外协厂：${names.join('、')}。请写全称。`,
  productNotFound: (code: string) => `没有找到产品「${code}」。请先在 ERP 或导入中建立该物料。`,
  contactNotOfPartner: (name: string, partner: string) => `${name} 不是 ${partner} 的联系人。`,
  personNotFound: (id: string) => `没有找到人员「${id}」。`,
  workOrderNotFound: (number: string) => `没有找到工单「${number}」。`,
  operationNotFound: (number: string, op: string) => `工单 ${number} 没有工序「${op}」。`,
  badQuantity,
  badReturnTime: (text: string) =>
    `「${text}」不是有效的回厂时间，请写成 11-28、11-28 14:00 或「明天 14:00」。`,
  numberTaken: (number: string) => `外发单号 ${number} 已经存在。`,
  customFieldsInvalid: (problems: string[]) => `自定义字段不符合要求：${problems.join('；')}。`,
  /** ajv's rule in the coordinator's words; rarer rules keep ajv's English. */
  customFieldRule: (keyword: string, params: Record<string, unknown>, fallback: string | undefined) => {
    switch (keyword) {
      case 'required':
        return ' 必须填写';
      case 'enum':
        return ` 只能是 ${(params.allowedValues as unknown[]).map(String).join('、')}`;
      case 'type':
        return ` 应为${({ number: '数字', integer: '整数', string: '文字', boolean: '是/否' } as Record<string, string>)[String(params.type)] ?? String(params.type)}`;
      case 'minimum':
        return ` 不能小于 ${String(params.limit)}`;
      case 'maximum':
        return ` 不能大于 ${String(params.limit)}`;
      case 'additionalProperties':
        return `：没有「${String(params.additionalProperty)}」这个字段`;
      default:
        return ` ${fallback ?? keyword}`;
    }
  },
  unknownState: (text: string, names: string[]) =>
    `没有「${text}」这个状态。可用的状态：${names.join('、')}。`,
  sameState: (number: string, state: string) => `${number} 已经是「${state}」了。`,
  nameTheState: (number: string, state: string, next: string[]) =>
    `${number} 现在是「${state}」。` +
    (next.length > 0
      ? `要改状态请写：外发 ${number} <状态>，可以改为：${next.join('、')}。`
      : '已经结束，不能再改状态。'),
  transitionRefused: (number: string, from: string, to: string, allowed: string[]) =>
    allowed.length === 0
      ? `${number} 现在是「${from}」，不能改为「${to}」：这个状态之后不能再变更。`
      : `${number} 现在是「${from}」，不能改为「${to}」。可以改为：${allowed.join('、')}。`,
  /** 回厂 as the factory says it (chat, API). */
  factoryWords: {
    badQuantity,
    overReturn: (number: string, requested: number, outstanding: number) =>
      `回厂数量超出：${number} 还有 ${outstanding} 件未回，您登记了 ${requested} 件。`,
    quantityRequired: (number: string, state: string, outstanding: number) =>
      `改为「${state}」就是回厂，请写上回来的件数：外发 ${number} ${state} <件数>（还有 ${outstanding} 件未回）。`,
  },
  /** The same as the partner says it: they send pieces back, they do not move states. */
  partnerWords: {
    badQuantity: (text: string) => `「${text}」不是有效的件数，请填写发回多少件，例如 300。`,
    overReturn: (number: string, requested: number, outstanding: number) =>
      `${number} 还有 ${outstanding} 件没有发回，您填写了 ${requested} 件，请核对。`,
    quantityRequired: (number: string, _state: string, outstanding: number) =>
      `请填写 ${number} 发回多少件（还有 ${outstanding} 件没有发回）。`,
  },
  alreadyBack: (number: string, state: string) => `${number} 已经回厂了（现在是「${state}」）。`,
  rescheduleHelp: '外协厂说会晚到（或提前）时，改外发单的预计回厂时间，催促提醒按新时间重新计时',
  reschedulePartnerHelp: '会晚到（或提前）时改预计回厂时间，写上原因，我们的跟单会收到通知',
  listPartnerHelp: '查看您未完成的外发单',
  returnNotAhead: (number: string, at: string, now: string) =>
    `${number} 的新回厂时间 ${at} 已经过去了（现在 ${now}），请写以后的时间。`,
  sameReturn: (number: string, at: string) => `${number} 预计回厂就是 ${at}，没有改动。`,
  returnRescheduled: (number: string, before: string, after: string, reason: string | null) =>
    `已把 ${number} 的预计回厂从 ${before} 改为 ${after}${reason ? `（${reason}）` : ''}，催促提醒按新时间重新计时。`,
  partnerRescheduled: (who: string, number: string, before: string, after: string, reason: string | null) =>
    `🕒 ${who} 把外发单 ${number} 的预计回厂从 ${before} 改为 ${after}${reason ? `（${reason}）` : ''}。`,
  notBackYet: (number: string, state: string) =>
    `${number} 还没有回厂（现在是「${state}」），不能质检。请先登记「回厂」。`,
  alreadyClosed: (number: string) => `${number} 已经完成，不能再变更。`,
  badQc: '质检结果请写「合格」「不合格」或「让步」，例如：质检 OS-20261124-001 合格。',
  outsourceHelp: '新建外发单（只问缺少的信息），或更新状态：外发 <单号> <状态>',
  outsourcePartnerHelp: '更新您的外发单的状态，如「加工中」；送回时写「发回」和件数，可分批',
  partnerOnlyUpdates: '外协厂可以更新自己外发单的状态：外发 <单号> <状态>。发送「外发列表」查看您的外发单。',
  partnerUnbound: '您的账号还没有关联到外协厂，请联系我们的外协跟单。',

  // — replies —
  created: (o: OrderLine) =>
    `已建外发单 ${o.number}：${o.partnerName}·${o.process} ${product(o)} ${o.quantity} 件，应回 ${o.due}。`,
  linkAfterQc: (number: string) => `${number} 已经有质检记录，不能再改关联的工单或工序。`,
  linkedOperation: (workOrder: string, operation: string) =>
    `这是工单 ${workOrder} 的「${operation}」工序：回厂质检合格的件数计为该工序合格品，交下道工序。`,
  operationNeedsOrder:
    '写了工序时也要写工单号，例如：外发 华美电镀 BTN-01 500 11-28 WO-20261124-001 工序20。',
  moved: (number: string, from: string, to: string) => `${number}：「${from}」→「${to}」。`,
  returnedPart: (number: string, quantity: number, returned: number, total: number) =>
    `已登记 ${number} 回厂 ${quantity} 件，累计 ${returned}/${total}，还差 ${total - returned} 件。`,
  /** The same receipt told to the partner who sent the pieces, in their words. */
  sentBack: (number: string, quantity: number, returned: number, total: number) =>
    returned >= total
      ? `已登记：${number} 发回 ${quantity} 件，已全部发回。`
      : `已登记：${number} 发回 ${quantity} 件，累计 ${returned}/${total}，还差 ${total - returned} 件。`,
  returnAgain: (number: string, quantity: number, at: string, who: string) =>
    `${at} ${who}已登记过 ${number} 回厂 ${quantity} 件。这是又回来的另一批吗？回复「是」再登记 ${quantity} 件，回复「否」不登记。`,
  returnNotAgain: (number: string) => `好的，${number} 这次没有登记回厂。`,
  returnedAll: (number: string, quantity: number, state: string) =>
    `已登记 ${number} 回厂 ${quantity} 件，全部到齐，状态改为「${state}」。`,
  qcRecorded: (number: string, result: QcResult, state: string) =>
    `已登记 ${number} 质检${qcNames[result]}，状态「${state}」。`,
  noOrders: '没有未完成的外发单。',
  listHeader: (count: number, partner?: string) =>
    `${partner ? `${partner} 的` : ''}未完成外发单 ${count} 单：`,
  more: (n: number) => `……还有 ${n} 单未列出。`,

  // — the dialog —
  askPartner: (options: string[]) => `发给哪家外协厂？回复序号或名称：\n${options.join('\n')}`,
  askProduct: (options: string[]) => `外发哪个产品？回复序号、产品编码或名称：\n${options.join('\n')}`,
  askQuantity: (productName: string) => `${productName} 外发多少件？`,
  askReturn: '预计哪天回厂？例如「11-28」或「11-28 14:00」。',
  askCustomField: (title: string, hint: string) => `请填写「${title}」${hint}：`,
  noPartners: '还没有外协厂资料。请通过 ERP 接口或管理员添加外协厂。',

  // — pushes —
  newOrderForPartner: (o: OrderLine) =>
    `📦 新外发单 ${o.number}：${product(o)} ${o.quantity} 件（${o.process}），请于 ${o.due} 前送回。收到后请回复「外发 ${o.number} 加工中」。`,
  photoLinks: (links: readonly string[]) => links.map((link) => `\n📷 照片：${link}`).join(''),
  partnerMoved: (who: string, number: string, from: string, to: string, photos: number) =>
    `🔄 ${who} 将外发单 ${number} 从「${from}」改为「${to}」${photos > 0 ? `，附照片 ${photos} 张` : ''}。`,
  partnerSentBack: (
    who: string,
    number: string,
    quantity: number,
    returned: number,
    total: number,
    movedTo: string | null,
    photos: number,
  ) =>
    `🚚 ${who} 发回外发单 ${number} ${quantity} 件，累计 ${returned}/${total}` +
    (movedTo ? `，已全部发回，状态改为「${movedTo}」` : `，还差 ${total - returned} 件`) +
    `${photos > 0 ? `，附照片 ${photos} 张` : ''}。`,
  qcFailed: (number: string, partner: string, note: string | null) =>
    `❌ 外发单 ${number}（${partner}）质检不合格${note ? `：${note}` : ''}。请与外协厂联系返工或处理。`,
  warn: (o: OrderLine, left: string) =>
    `⏰ 外发单 ${o.number}：${o.process} ${product(o)} ${o.quantity - o.returned} 件，预计 ${o.due} 回厂，还有 ${left}。如会延误，请回复「改回厂 ${o.number} <新的回厂时间>」。`,
  overdue: (o: OrderLine, late: string, repeat: number) =>
    `🔴 外发单 ${o.number}：${o.process} ${product(o)}，应于 ${o.due} 回厂，已逾期 ${late}，还有 ${o.quantity - o.returned} 件未回。` +
    `请尽快送回${repeat > 0 ? `（第 ${repeat + 1} 次提醒）` : ''}。`,
  escalation: (o: OrderLine, late: string, contact: string, level: 'coordinator' | 'supervisor') =>
    `${level === 'supervisor' ? '🚨 升级' : '🔴'} 外发单 ${o.number} 已逾期 ${late}：${o.partnerName}（联系人 ${contact}）` +
    `的 ${product(o)} 还有 ${o.quantity - o.returned} 件未回，原定 ${o.due}。`,
  smsOverdue: (o: OrderLine, late: string) =>
    `外发单${o.number}（${o.productCode} ${o.quantity - o.returned}件）应于${o.due}回厂，已逾期${late}，请尽快送回。`,
  smsWarn: (o: OrderLine, left: string) =>
    `外发单${o.number}（${o.productCode} ${o.quantity - o.returned}件）预计${o.due}回厂，还有${left}。`,
  noContact: '（未指定）',

  // — links —
  linkCreated: (partner: string, url: string, until: string) =>
    `${partner} 的专用链接（${until} 前有效，可在手机上直接打开，无需登录）：\n${url}\n发送「撤销链接 ${partner}」可以让它立即失效。`,
  linksRevoked: (partner: string, n: number) =>
    n === 0 ? `${partner} 没有有效的链接。` : `已撤销 ${partner} 的 ${n} 个链接。`,
  boardLinkCreated: (url: string, until: string) => `外发看板链接（${until} 前有效，适合车间大屏）：\n${url}`,

  // — the board —
  boardTitle: (at: string) => `外发看板（${at}）`,
  boardGroups: { red: '🔴 逾期', yellow: '🟡 即将到期', green: '🟢 正常' } as const,
  boardLate: (late: string) => `已逾期 ${late}`,
  digestLateTitle: (count: number) => `外发逾期 ${count} 单`,
  digestLate: (o: OrderLine, timing: string) =>
    `- ${o.number} ${o.partnerName}·${o.process} ${product(o)}：应于 ${o.due} 回厂，${timing}，还有 ${o.quantity - o.returned} 件未回`,
  boardLeft: (left: string) => `还剩 ${left}`,
  boardBack: '已回厂',
  boardReturned: (returned: number, total: number) => `已回 ${returned}/${total}`,
  boardEmpty: '没有未完成的外发单。',
  boardRefresh: (seconds: number) => `每 ${seconds} 秒自动刷新`,

  // — the partner page —
  pageTitle: (partner: string) => `${partner} · 外发单`,
  pageNoOrders: '目前没有需要处理的外发单。',
  pageMoveTo: (state: string) => `改为「${state}」`,
  pageSendBack: '确认发回',
  pageSendBackLabel: '发回多少件',
  pageSentSoFar: (returned: number, total: number) => `已发回 ${returned}/${total} 件`,
  pageSent: (number: string, quantity: number, left: number) =>
    left === 0
      ? `已登记：${number} 发回 ${quantity} 件，已全部发回。`
      : `已登记：${number} 发回 ${quantity} 件，还差 ${left} 件。`,
  pagePhoto: '拍照 / 上传照片（可选）',
  pageDone: (number: string, state: string) => `已更新：${number} →「${state}」。`,
  pageLinkInvalid: '链接无效或已过期，请联系我们的外协跟单获取新链接。',
  pageLinkInvalidTitle: '链接已失效',
  pagePhotoBad: (megabytes: number) => `照片只能是 JPG、PNG、WebP 或 HEIC 图片，且不超过 ${megabytes} MB。`,
  pageDueLabel: '应回',
  pageQuantityLabel: '数量',
  pageStateLabel: '状态',
  pageExpires: (until: string) => `本链接 ${until} 前有效`,
  pageBack: '返回',
  pageRefusedTitle: '未能更新',
  pageRescheduleSummary: '会晚到或提前？改预计回厂时间',
  pageNewReturnLabel: '新的回厂时间',
  pageReasonLabel: '原因（可选，跟单会看到）',
  pageReschedule: '确认修改回厂时间',
  pageRescheduled: (number: string, when: string) => `已改：${number} 预计 ${when} 回厂，已通知我们的跟单。`,
  pageReasonTooLong: (max: number) => `原因最多 ${max} 个字，请写短一些。`,
};

const reasonList = (reasons: ReadonlyArray<{ code: string; name: string }>) =>
  reasons.map((r) => `${r.code} ${r.name}`).join('、');

/** What 外协质检 by count says (质检 <单号> 合格 <数> …). */
export const qcMessages = {
  alreadyClosed: outsourcingMessages.alreadyClosed,
  notBackYet: outsourcingMessages.notBackYet,
  qcHelp:
    '外协回厂质检，按件数：质检 OS-20261125-001 合格 60 让步 3 批准 李建国 不合格 2 原因 S01；' +
    '或整批判定：质检 OS-20261125-001 合格',
  emptyCount: '质检数量不能都是 0。',
  overCount: (number: string, asked: number, waiting: number) =>
    `质检数量超出：${number} 已回厂待检 ${waiting} 件，您检了 ${asked} 件。请核对后重发。`,
  notWhole: (label: string, value: string) => `${label}必须是整数件数，不是「${value}」。`,
  unknownWord: (word: string) =>
    `看不懂「${word}」。请写：质检 <单号> 合格 <数> [让步 <数> 批准 <姓名>] [不合格 <数>] [返工 <数>] [原因 <原因码>]。`,
  reasonNeeded: (reasons: ReadonlyArray<{ code: string; name: string }>) =>
    `有不合格或返工时请写原因码，例如「原因 ${reasons[0]?.code ?? ''}」。可用的原因码：${reasonList(reasons)}`,
  reasonWithoutRejects: '只有写了不合格或返工数量时才写原因码。',
  approverWithoutConcession: '只有写了让步数量时才写批准人。',
  approverNotAllowed: (name: string) => `让步接收须由质检或主管批准，${name} 不能批准。`,
  approverUnknown: (name: string) => `没有找到批准人「${name}」，请写姓名或工号。`,
  summary: (
    c: {
      accepted: number;
      concession: number;
      rejected: number;
      rework: number;
      reason?: { code: string; name: string };
    },
    approver: string | undefined,
  ) =>
    [
      `合格 ${c.accepted} 件`,
      c.concession > 0 ? `，让步接收 ${c.concession} 件（${approver ?? ''} 批准）` : '',
      c.rejected > 0 ? `，不合格报废 ${c.rejected} 件` : '',
      c.rework > 0 ? `，返工 ${c.rework} 件` : '',
      c.reason ? `（${c.reason.code} ${c.reason.name}）` : '',
    ].join(''),
  recorded: (
    number: string,
    summary: string,
    waitingAfter: number,
    operation: { order: string; name: string; next?: string } | undefined,
    good: number,
    state: string,
  ) =>
    `已登记 ${number} 质检：${summary}。` +
    (operation
      ? `工单 ${operation.order}「${operation.name}」计合格 ${good} 件` +
        (operation.next ? `，已通知下道工序「${operation.next}」。` : '。')
      : '') +
    `${waitingAfter > 0 ? `还有 ${waitingAfter} 件待检，` : ''}状态「${state}」。`,
  rejectsFound: (number: string, partner: string, summary: string) =>
    `⚠️ 外发单 ${number}（${partner}）质检：${summary}。不合格品已转入报废/返工流程，请与外协厂沟通。`,
};
