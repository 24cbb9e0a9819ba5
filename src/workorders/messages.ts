import { formatDuration } from '../shared/display.js';
import { inZone } from '../shared/time.js';

/** What a person tried on a task, named in a refusal. */
export type WorkVerb = '开工' | '报工' | '申请报废';

/** What the work-order loop says to people, in one place for review and translation. */
/** `合格 12 → 10 件`; an unchanged count is said to be unchanged, or left out when it is none. */
const countChange = (label: string, was: number, now: number, always: boolean): string =>
  was !== now ? `${label} ${was} → ${now} 件` : now !== 0 || always ? `${label} ${now} 件不变` : '';

export const workOrderMessages = {
  statusNames: {
    planned: '计划',
    released: '已下达',
    in_progress: '生产中',
    completed: '已完工',
    closed: '已关闭',
    cancelled: '已取消',
  } as Record<string, string>,
  taskStatusNames: {
    pending: '待派工',
    dispatched: '已派工',
    in_progress: '进行中',
    done: '已完成',
    cancelled: '已取消',
  } as Record<string, string>,
  exceptionKindNames: {
    material: '缺料',
    equipment: '设备故障',
    quality: '质量问题',
    other: '其他',
  } as Record<string, string>,
  exceptionStatusNames: { raised: '待处理', acknowledged: '处理中', closed: '已关闭' } as Record<
    string,
    string
  >,

  orderNotFound: (number: string, endingIn: readonly string[] = []) =>
    `没有找到工单「${number}」。${
      endingIn.length === 1
        ? `您是不是想写 ${endingIn[0]}？`
        : endingIn.length > 1
          ? `以它结尾的未完工工单有：${endingIn.join('、')}，请写全工单号。`
          : '请检查工单号。'
    }`,
  operationNotFound: (number: string, op: string, ops: string[]) =>
    `工单 ${number} 没有工序「${op}」。它的工序有：${ops.join('、')}。`,
  whichOperationShort: (ops: string[]) => `请指明工序：${ops.join('、')}。`,
  whichOperation: (number: string, ops: string[], example: string, good: number | undefined) =>
    `工单 ${number} 有多道工序分给了您，${good === undefined ? '是哪道工序' : `合格 ${good} 件报在哪道工序`}？请回复工序号：${ops.join('、')}。下次可以一次写全，例如「${example}」。`,
  numberCouldBeEither: (n: number | undefined) => `「${n}」可能是工序号，也可能是数量，所以先问清楚。`,
  notAChoice: (answer: string) => `「${answer}」不是下面的工序之一。`,
  noOperationOfYours: (number: string) => `工单 ${number} 没有分给您或您班组的工序。`,
  notYourTask: (number: string, op: string, owner: string, verb: WorkVerb) =>
    `${number} 的「${op}」分给了${owner}，您不能为它${verb}。`,
  notDispatched: (number: string, op: string) => `${number} 的「${op}」还没有派工，请联系班组长。`,
  alreadyDone: (number: string, op: string) => `${number} 的「${op}」已经完成了。`,
  alreadyStarted: (number: string, op: string) => `${number} 的「${op}」已经开工了。`,
  nothingAvailable: (number: string, op: string, previous: string) =>
    `${number} 的「${op}」还不能开工：上道工序「${previous}」还没有合格品。`,
  /** `status` as stored: a planned order says how it is released. */
  orderNotReleased: (number: string, status: string, verb: WorkVerb | '派工' | '撤销' | '更正') =>
    status === 'planned'
      ? `工单 ${number} 还在计划中，要先「下达 ${number}」才能${verb}。`
      : `工单 ${number} 当前状态是「${workOrderMessages.statusNames[status] ?? status}」，不能${verb}。`,
  overReport: (op: string, requested: number, remaining: number, allowed: number) =>
    `报工数量超出：「${op}」还剩 ${remaining} 件可报，您报了 ${requested} 件（最多允许 ${allowed} 件）。请核对后重新报工。`,
  zeroReport: '合格数和报废数不能都为 0。',
  notWholePieces: (label: string, value: number) =>
    `${label}必须是不小于 0 的整数：零件按件计，不能报「${value}」件。请重新报工，例如「完工 工单号 10」。`,
  started: (number: string, op: string, equipment: string | undefined) =>
    `已开工：${number}「${op}」${equipment ? `，设备 ${equipment}` : ''}。完工时点卡片上的「完工」或发送「完工 ${number} 数量」。`,
  reported: (label: string, number: string, op: string, good: number, scrap: number, remaining: number) =>
    `已报工（报工号 ${label}）：${number}「${op}」合格 ${good} 件${scrap > 0 ? `，报废 ${scrap} 件` : ''}。${remaining > 0 ? `还剩 ${remaining} 件。` : '本工序已完成。'}`,
  undone: (label: string, number: string, op: string, good: number, scrap: number, remaining: number) =>
    `已撤销报工 ${label}：${number}「${op}」合格 ${good} 件${scrap !== 0 ? `，报废 ${scrap} 件` : ''}不再计入。还剩 ${remaining} 件。`,
  corrected: (
    label: string,
    number: string,
    op: string,
    was: { good: number; scrap: number },
    now: { good: number; scrap: number },
    remaining: number,
  ) =>
    `已更正报工 ${label}：${number}「${op}」${countChange('合格', was.good, now.good, true)}${countChange('，报废', was.scrap, now.scrap, false)}。${remaining > 0 ? `还剩 ${remaining} 件。` : '本工序已完成。'}`,
  nothingToUndo: '您没有可以撤销的报工。',
  undoTooLate: (label: string, minutes: number) =>
    `您最近的报工 ${label} 已超过 ${minutes} 分钟，不能自己撤销了。请联系班组长发送「更正 ${label} <合格数>」。`,
  reportNotFound: (ref: string) => `没有找到报工「${ref}」。报工号形如 B12，见报工时的回复。`,
  notYourTeamsReport: (label: string) => `报工 ${label} 不是您班组的，只有该班组的班组长或车间主任可以更正。`,
  nothingToCorrect: (label: string, good: number, scrap: number) =>
    `报工 ${label} 现在就是合格 ${good} 件、报废 ${scrap} 件，没有更正。`,
  alreadyUndone: (label: string) => `报工 ${label} 已经撤销过了。`,
  correctedByLead: (label: string, good: number, scrap: number) =>
    `报工 ${label} 已经更正为合格 ${good} 件${scrap > 0 ? `、报废 ${scrap} 件` : ''}，不能自己撤销了。还要改请联系班组长发送「更正 ${label} <合格数>」。`,
  piecesUsedDownstream: (next: string, used: number) =>
    `不能这样更正：下道工序「${next}」已经报了 ${used} 件，合格数不能少于这个数。`,
  orderCompleted: (number: string) => `工单 ${number} 全部工序已完成，工单已完工。`,
  askQuantity: (number: string, op: string, remaining: number) =>
    `${number}「${op}」完工多少件？还剩 ${remaining} 件。回复数量即可，例如「${remaining}」或「${remaining} 报废 2」。`,
  askGoodAfterScrap: (number: string, op: string, remaining: number, scrap: number) =>
    `${number}「${op}」报废 ${scrap} 件已记下，合格多少件？还剩 ${remaining} 件。` +
    `回复合格数即可，例如「${Math.max(0, remaining - scrap)}」；没有合格的回复「0」。`,
  /** `完工 5`: a count without its order, when the person has exactly one operation in progress. */
  reportOnThat: (number: string, op: string, good: number, scrap: number) =>
    `是报 ${number}「${op}」合格 ${good} 件${scrap > 0 ? `、报废 ${scrap} 件` : ''}吗？回复「是」报工，「否」不报。`,
  reportOnThatAgain: '请回复「是」报工，或「否」不报。',
  notReported: '好的，没有报工。',
  /** `完工 5` when none or several operations are in progress: which order is for the person to say. */
  quantityWithoutOrder: (written: string, inProgress: Array<{ number: string; op: string }>) =>
    `「${written}」不是工单号。报工要写上工单号，例如「完工 ${inProgress[0]?.number ?? 'WO-0042'} ${written}」。` +
    (inProgress.length > 0
      ? `您手上的工序：${inProgress.map((t) => `${t.number}「${t.op}」`).join('、')}。`
      : '发送「我的任务」看分给您的任务。'),
  nextAvailable: (number: string, op: string, available: number) =>
    `${number} 的上道工序已交来合格品，「${op}」现在可以加工 ${available} 件。`,
  dispatched: (number: string, op: string, to: string, equipment: string | undefined) =>
    `已派工：${number}「${op}」→ ${to}${equipment ? `，设备 ${equipment}` : ''}。`,
  youGotTask: (number: string, op: string, from: string) => `${from} 给您派了新任务：${number}「${op}」。`,
  teamGotTask: (number: string, op: string, from: string, team: string) =>
    `${from} 把 ${number}「${op}」派给了${team}。`,
  cannotRedispatch: (number: string, op: string, status: string) =>
    `${number}「${op}」当前「${status}」，不能重新派工。`,
  dispatchTargetUnknown: (name: string) => `找不到「${name}」。请用 @姓名 指定工人，或写班组名称。`,
  equipmentUnknown: (code: string) => `没有设备「${code}」。`,
  noTasks: '您现在没有待办任务。',
  nothingToReportOn: (number: string) => `工单 ${number} 现在没有可以报工的工序。`,
  noSuchOperation: (number: string, sequence: number) =>
    `工单 ${number} 没有工序 ${sequence}。工单可能已改过工艺，请重新打印流转卡。`,
  operationClosed: (number: string, op: string) => `工单 ${number} 的工序「${op}」已经结束，不能再报工。`,
  moreTasks: (n: number) => `还有 ${n} 个任务，发送「下一页」查看。`,
  nextPageHint: '发送「下一页」查看更多任务，或直接发送别的命令。',
  exceptionPhotoLabel: (id: number, order: string) => `异常 E${id}（${order}）`,
  exceptionRaised: (id: number, kind: string, number: string) =>
    `已上报异常 E${id}（${kind}），工单 ${number}。班组长和车间主任会收到通知。`,
  exceptionAlert: (id: number, kind: string, number: string, reason: string, who: string) =>
    `⚠️ ${who} 上报异常 E${id}（${kind}）：工单 ${number}，${reason}。发送「处理 E${id}」接手，处理完后发送「关闭 E${id}」。`,
  formExceptionAlert: (id: number, kind: string, reason: string, who: string) =>
    `⚠️ ${who} 填表发现异常 E${id}（${kind}）：${reason}。发送「处理 E${id}」接手，处理完后发送「关闭 E${id}」。`,
  exceptionNotFound: (ref: string) => `没有找到异常「${ref}」。异常号形如 E12。`,
  exceptionAlreadyClosed: (id: number) => `异常 E${id} 已经关闭了。`,
  exceptionAcknowledged: (id: number, who: string) => `异常 E${id} 已由 ${who} 接手处理。`,
  exceptionClosed: (id: number, minutes: number, note: string | null) =>
    `异常 E${id} 已关闭，从上报到关闭用时 ${formatDuration(minutes)}。${note === null ? '' : `说明：${note}`}`,
  itemNotFound: (code: string, close: string[] = []) =>
    close.length > 0
      ? `没有物料「${code}」。是这些之一吗：${close.join('、')}？请写完整的编码或名称。`
      : `没有物料「${code}」。请写物料编码或名称，发送「物料列表」可以查看。`,
  itemAmbiguous: (name: string, codes: string[]) =>
    `有 ${codes.length} 个物料叫「${name}」：${codes.join('、')}。请写物料编码。`,
  badOrderQuantity: (text: string) => `「${text}」不是有效的工单数量：数量要是大于 0 的整数，例如 300。`,
  pastDueDate: (due: string, today: string) =>
    `⚠️ 交期 ${due} 已经过去了（今天是 ${today}）。确定用这个交期吗？回复「是」确认，「否」放弃。`,
  orderNotCreated: '好的，没有建工单。',
  orderNotOpen: (number: string, status: string) => `工单 ${number} 当前是「${status}」，已不能修改。`,
  orderCancelled: (number: string, stopped: number) =>
    `工单 ${number} 已取消${stopped > 0 ? `，${stopped} 道未完成的工序已停止` : ''}。已报的数量保留。`,
  taskCancelled: (number: string, op: string, reason: string, who: string) =>
    `${who} 取消了工单 ${number}（${reason}），「${op}」不用再做了。`,
  dueDateChanged: (number: string, from: string, to: string) =>
    `工单 ${number} 的交期已从 ${from} 改为 ${to}。`,
  dueDateUnchanged: (number: string, due: string) => `工单 ${number} 的交期本来就是 ${due}。`,
  dueDateKept: '好的，交期没有改。',
  confirmOutsideTeam: (number: string, op: string, to: string) =>
    `${to} 不在您的班组。确定把 ${number}「${op}」派给 ${to} 吗？回复「是」确认，「否」放弃。`,
  dispatchNotDone: '好的，没有派工。',
  nextPage: (left: number, command: string) => `还有 ${left} 条，发送「${command}」看下一页。`,
  openOrdersTitle: '未完结的工单',
  overdueTitle: '逾期的工单',
  dueTodayTitle: '今天到期的工单',
  itemOrdersTitle: (code: string, name: string) => `物料 ${code} ${name} 未完结的工单`,
  statusOrdersTitle: (status: string) => `「${status}」的工单`,
  orderListHeader: (title: string, n: number) => `${title}共 ${n} 张：`,
  noOrders: (title: string) => `没有${title}。`,
  /** `lateDays`: for an open order, how many days past its due date today is (0 when due today). */
  orderLine: (
    number: string,
    item: string,
    quantity: number,
    due: string,
    status: string,
    lateDays?: number,
  ) =>
    `${number} ${item} × ${quantity}，交期 ${due}${lateDays === undefined || lateDays < 0 ? '' : lateDays === 0 ? '（今天到期）' : `（已逾期 ${lateDays} 天）`}，${status}`,
  badOrderFilter: (text: string) =>
    `看不懂「${text}」。可以写：工单列表、工单列表 逾期、工单列表 今天到期、工单列表 物料 SHF-200、工单列表 状态 生产中。`,
  itemListHeader: (n: number) => `物料共 ${n} 种：`,
  itemLine: (code: string, name: string, unit: string) => `${code} ${name}（${unit}）`,
  noItems: '还没有物料。',
  erpOwnedItem: (code: string, name: string) =>
    `物料 ${code}「${name}」由 ERP 维护（连同它的工艺路线和物料清单），这里不能修改。请在 ERP 中修改，下次同步后会自动更新。`,
  badItemName: '新名称不能为空，也不能超过 200 个字。',
  itemNameUnchanged: (code: string, name: string) => `物料 ${code} 已经叫「${name}」，没有改动。`,
  itemRenamed: (code: string, from: string, to: string) => `已把物料 ${code} 从「${from}」改名为「${to}」。`,
  renameWhat: (what: string) => `目前只能改物料的名称：改名 物料 <编码> <新名称>（不能改「${what}」）。`,
  exceptionListHeader: (onlyOpen: boolean, n: number) =>
    `${onlyOpen ? '未关闭的' : ''}异常共 ${n} 条（最新的在前）：`,
  exceptionLine: (e: {
    id: number;
    kind: string;
    order: string;
    status: string;
    reason: string;
    who: string;
    at: string;
    note: string | null;
  }) =>
    `E${e.id}【${e.status}】${e.kind} ${e.order}：${e.reason}（${e.who} ${e.at}）${e.note === null ? '' : `，说明：${e.note}`}`,
  noExceptions: '还没有异常。',
  noOpenExceptions: '没有未关闭的异常。',
  badExceptionFilter: (text: string) => `看不懂「${text}」。可以写：异常列表、异常列表 未关闭。`,
  noRouting: (code: string) => `物料「${code}」还没有工艺路线，不能建工单。`,
  numberTaken: (number: string) => `工单号 ${number} 已存在，没有新建。`,
  badDueDate: (text: string) => `「${text}」不是有效的交期，请写成 12-01、2026-12-01 或「明天」。`,
  askItem: '新建工单：请输入物料编码或名称（例如 BTN-001）：',
  askOrderQuantity: (item: string) => `物料「${item}」，请输入数量：`,
  askDueDate: '请输入交期（例如 12-01）：',
  dueInCustomer: (split: { written: string; customer: string | null; due: string }) =>
    `客户「${split.written}」${split.customer === null ? '像是交期：是交期' : '的最后像是交期：是交期'} ${split.due}、` +
    `${split.customer === null ? '不写客户' : `客户「${split.customer}」`}吗？` +
    `回复「是」确认；回复「否」则客户就是「${split.written}」，再请您输入交期。`,
  orderCreated: (
    number: string,
    item: string,
    quantity: number,
    due: string,
    customer: string | null,
    ops: number,
  ) =>
    `已创建工单 ${number}：${item} × ${quantity}，交期 ${due}${customer ? `，客户 ${customer}` : ''}，共 ${ops} 道工序。发送「下达 ${number}」后即可派工。`,
  orderReleased: (number: string) => `工单 ${number} 已下达，可以派工了。`,
  orderNotPlanned: (number: string, status: string) =>
    `工单 ${number} 当前是「${status}」，只有「计划」状态的工单可以下达。`,
};

type Details = Readonly<Record<string, unknown>>;
const num = (d: Details, key: string) => (typeof d[key] === 'number' ? d[key] : undefined);

/** What 规则 and 积分 say about the point triggers the work-order loop offers. */
export const workOrderPointWords = {
  workReport: '每次报工',
  taskFinished: '工序完工',
  shiftReported: '一个班次里做过的工序都在下班前报了工',
  fields: {
    good: '合格数',
    scrap: '报废数',
    quantity: '数量',
    minutes: '工时（分钟）',
    minutesBeforeShiftEnd: '距下班的分钟数',
    shift: '班次',
    channel: '报工渠道',
    operation: '工序',
    sequence: '工序号',
    workOrder: '工单',
    item: '物料',
    plannedMinutes: '计划工时（分钟）',
    actualMinutes: '实际用时（分钟）',
    minutesBeforePlannedEnd: '比计划提前的分钟数',
    operations: '工序数',
    reports: '报工次数',
  },
  reportPaid(d: Details): string {
    const scrap = num(d, 'scrap') ? `，报废 ${num(d, 'scrap')} 件` : '';
    return `${String(d.workOrder)} ${String(d.operation)} 合格 ${num(d, 'good') ?? 0} 件${scrap}`;
  },
  taskPaid(d: Details): string {
    const ahead = num(d, 'minutesBeforePlannedEnd');
    const plan =
      ahead === undefined
        ? ''
        : ahead >= 0
          ? `，比计划提前 ${formatDuration(ahead)}`
          : `，比计划晚 ${formatDuration(-ahead)}`;
    return `${String(d.workOrder)} ${String(d.operation)} 完工${plan}`;
  },
  shiftPaid: (d: Details, shiftStart: Date, tz: string) =>
    `${inZone(shiftStart, tz).format('MM-DD')} ${String(d.shift)}，${num(d, 'operations') ?? 0} 道工序`,
};
