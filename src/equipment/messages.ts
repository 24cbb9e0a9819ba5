import { formatDuration } from '../shared/display.js';
import type { EquipmentStatus } from './equipment.entity.js';
import type { RepairState } from './repairs/repair-ticket.entity.js';

/** Hours as people read them: whole hours, or one decimal below ten. */
export const hoursOf = (minutes: number): string => {
  const hours = minutes / 60;
  return hours >= 10 || Number.isInteger(hours) ? String(Math.floor(hours)) : hours.toFixed(1);
};

/** What equipment maintenance and repairs say to people, in one place for review and translation. */
const repairNextStep: Record<RepairState, (id: number, technician: string) => string> = {
  reported: (id) => `下一步是设备组「接单 R${id}」。`,
  accepted: (id, technician) => `下一步是${technician}到现场后「开始维修 R${id}」。`,
  repairing: (id, technician) => `下一步是${technician}修好后「维修完成 R${id}」。`,
  verifying: (id) => `下一步是报修人或班组长「验收 R${id}」。`,
  archived: () => '这张维修单已经验收归档。',
};

export const equipmentMessages = {
  statusNames: {
    running: '运行',
    stopped: '停机',
    maintenance: '保养中',
    repair: '维修中',
  } satisfies Record<EquipmentStatus, string> as Record<string, string>,
  repairStateNames: {
    reported: '报修',
    accepted: '已接单',
    repairing: '维修中',
    verifying: '待验收',
    archived: '已归档',
  } satisfies Record<RepairState, string> as Record<string, string>,
  taskStatusNames: { open: '待接单', accepted: '已接单', done: '已完成' } as Record<string, string>,

  equipmentUnknown: (code: string, known: string[]) =>
    `没有设备「${code}」。${known.length > 0 ? `现有设备：${known.join('、')}。` : ''}`,

  // 设备 / 设备列表
  equipmentHeader: (code: string, name: string, status: string) => `🏭 ${code} ${name} · ${status}`,
  equipmentFacts: (hours: string, facts: string[]) => [`累计运行 ${hours} 小时`, ...facts].join('；'),
  location: (v: string) => `位置 ${v}`,
  model: (v: string) => `型号 ${v}`,
  commissioned: (v: string) => `投用 ${v}`,
  nextMaintenanceTitle: '下次保养：',
  planLine: (name: string, due: string, lead: boolean) => `· ${name}：${due}${lead ? '，即将到期' : ''}`,
  dueInHours: (hours: string, at: string) => `运行到 ${at} 小时（还差 ${hours} 小时）`,
  dueOnDay: (day: string) => `${day} 前`,
  dueEither: (hours: string, day: string) => `${hours}，或 ${day}，先到为准`,
  openTaskLine: (id: number, name: string, status: string, deadline: string, overdue: boolean) =>
    `· 保养 M${id}「${name}」${status}，期限 ${deadline}${overdue ? '，已逾期' : ''}`,
  openTicketsTitle: '未结维修：',
  ticketLine: (id: number, symptom: string, state: string, since: string, who: string | undefined) =>
    `· 维修 R${id}「${symptom}」${state}（${since} 起${who ? `，${who}` : ''}）`,
  historyTitle: '最近记录：',
  historyMaintenance: (at: string, name: string, who: string) => `· ${at} 保养「${name}」完成（${who}）`,
  historyRepair: (at: string, id: number, symptom: string, downtime: string) =>
    `· ${at} 维修 R${id}「${symptom}」验收归档，停机 ${downtime}`,
  historyStop: (at: string, reason: string, downtime: string) => `· ${at} 停机「${reason}」${downtime}`,
  noPlans: '（没有保养计划）',
  nothingOpen: '（没有未结维修）',
  listTitle: (n: number) => `设备共 ${n} 台：`,
  listLine: (code: string, name: string, status: string, hours: string, note: string) =>
    `${code} ${name} · ${status} · ${hours} 小时${note ? ` · ${note}` : ''}`,
  noEquipment: '还没有设备。可在 factory.yaml 的 equipment 中登记，或由 ERP 通过接口写入。',
  listNoteOpenTicket: (id: number) => `维修 R${id}`,
  listNoteDue: (name: string) => `保养「${name}」已到期`,
  listNoteSoon: (name: string) => `保养「${name}」即将到期`,

  // 保养计划
  plansTitle: (n: number) => `保养计划共 ${n} 项：`,
  /** `typeName` is the type as people read it (冲床), not its key. */
  planTarget: (equipment: string | undefined, typeName: string | undefined) =>
    equipment ? `设备 ${equipment}` : `所有「${typeName ?? ''}」类设备`,
  planInterval: (hours: number | null, days: number | null) =>
    [hours ? `每运行 ${hours} 小时` : '', days ? `每 ${days} 天` : ''].filter(Boolean).join('或'),
  planLead: (hours: number, days: number) =>
    hours > 0 || days > 0
      ? `，提前${[hours > 0 ? ` ${hours} 小时` : '', days > 0 ? ` ${days} 天` : ''].filter(Boolean).join('或')}提醒`
      : '',
  planEntry: (code: string, name: string, target: string, interval: string, lead: string, who: string) =>
    `【${code}】${name}：${target}，${interval}${lead}，负责 ${who}`,
  noPlansYet: '还没有保养计划。车间主任可发送「新建保养计划」。',
  planHowToAdd: '新增计划请发送「新建保养计划」。',
  maintenanceTeam: '设备组',

  // 新建保养计划 (dialog)
  askPlanTarget: '新建保养计划：对哪台设备？请回复设备编号（例如 CNC-01），或「类型 车床」表示所有该类设备。',
  unknownType: (type: string) => `没有类型为「${type}」的设备。`,
  askPlanName: '保养内容叫什么？例如「更换滤网」：',
  askPlanInterval:
    '多久保养一次？例如「720小时」「30天」或「720小时 90天」（先到为准）。可加提前量：「720小时 提前24小时」。',
  badInterval: '没看懂周期。请写成「720小时」「30天」或「720小时 90天 提前24小时 提前3天」。',
  leadTooLong: '提前量要小于保养周期。',
  askChecklist:
    '保养清单：每项用顿号分开，例如「停机断电、更换滤网、试机」；不能跳过的项后面写「（必做）」。没有清单回复「无」。',
  askResponsible: '由谁负责？回复 @姓名、班组名称，或「设备组」。',
  responsibleUnknown: (text: string) => `找不到「${text}」。请回复 @姓名、班组名称或「设备组」。`,
  planCreated: (code: string, summary: string) => `已建立保养计划 ${code}：${summary}`,

  // Maintenance tasks
  /** After a maintenance card's deadline once it has passed undone. */
  deadlinePassed: '（已逾期）',
  leadReminder: (code: string, name: string, plan: string, due: string) =>
    `🔧 设备 ${code} ${name} 的保养「${plan}」即将到期：${due}。请提前准备备件和停机时间。`,
  dueByHours: (hours: number) => `运行满 ${hours} 小时`,
  dueByDays: (days: number) => `满 ${days} 天`,
  taskDoneNote: (who: string, at: string) => `${who} 已于 ${at} 完成`,
  taskAccepted: (id: number, code: string, plan: string) =>
    `已接单：保养 M${id}（${code}「${plan}」）。设备状态改为「保养中」，完成后点「完成」。`,
  askChecklistDone: (items: string[], required: string[]) =>
    `请确认保养清单：\n${items.map((item, i) => `${i + 1}. ${item}${required.includes(item) ? '（必做）' : ''}`).join('\n')}\n全部做完回复「全部」；否则回复做完的序号，例如「1 3」，后面可写原因。`,
  requiredItemsUnchecked: (id: number, items: string[]) =>
    `必做项「${items.join('」「')}」没有完成，保养 M${id} 不能记为完成。做完后再回复清单；今天做不了请发送「延期保养 M${id} 天数 原因」，车间主任会收到通知。`,
  badChecklistAnswer: (n: number) => `请回复「全部」，或 1 到 ${n} 之间的序号，例如「1 3 滤网缺货」。`,
  taskDone: (id: number, code: string, plan: string, missing: string[]) =>
    `保养 M${id}（${code}「${plan}」）已完成，计划已重新计时。${missing.length > 0 ? `未完成的项：${missing.join('、')}，已记录。` : ''}`,
  taskAlreadyDone: (id: number) => `保养 M${id} 已经完成了。`,
  taskTaken: (id: number, who: string) => `保养 M${id} 已由 ${who} 接单。`,
  askPostpone: (max: number) => `延期几天、为什么？例如「2 等滤网到货」（最多 ${max} 天）。`,
  badPostpone: (max: number) => `请写天数和原因，例如「2 等滤网到货」，天数 1 到 ${max}。`,
  askPostponeReason: (days: number) => `延期 ${days} 天，原因是什么？`,
  postponed: (id: number, until: string) => `保养 M${id} 已延期到 ${until}，车间主任已收到通知。`,
  postponedAlert: (who: string, id: number, code: string, plan: string, until: string, reason: string) =>
    `📅 ${who} 把保养 M${id}（${code}「${plan}」）延期到 ${until}，原因：${reason}。`,
  maintenanceOverdue: (id: number, code: string, plan: string, late: string, slot: number) =>
    `🔴 保养 M${id}（${code}「${plan}」）已逾期 ${late}，请尽快完成${slot > 0 ? `（第 ${slot + 1} 次提醒）` : ''}。`,
  maintenanceEscalation: (id: number, code: string, plan: string, late: string, who: string) =>
    `🚨 升级 保养 M${id}（${code}「${plan}」）已逾期 ${late}，负责 ${who}，仍未完成。`,
  notYourMaintenance: '只有设备员、负责人、班组长或车间主任可以处理保养任务。',
  taskUnknown: (ref: string) => `没有找到保养任务「${ref}」。`,

  // Repairs
  limitText: (state: string, minutes: number, until: string, overdue: boolean) =>
    `${state} ${formatDuration(minutes)}内（${until} 前）${overdue ? '，已超时' : ''}`,
  ticketArchivedNote: (who: string, at: string) => `${who} 已于 ${at} 验收归档`,
  repairPhotoLabel: (id: number, code: string) => `维修 R${id}（${code}）`,
  repairReported: (id: number, code: string) =>
    `已报修 R${id}（设备 ${code}），设备组已收到通知。修好后会请您验收。`,
  repairAccepted: (id: number, who: string) => `维修 R${id} 已由 ${who} 接单。`,
  repairStarted: (id: number) => `维修 R${id} 开始维修，设备停机计时中。`,
  askRepairNote: (id: number) => `维修 R${id}：请简要写下处理内容（例如「更换主轴皮带」）：`,
  repairDone: (id: number) => `维修 R${id} 已提交验收，等待报修人或班组长验收。`,
  pleaseVerify: (id: number, code: string, who: string, note: string) =>
    `✅ 维修 R${id}（${code}）${who} 已修好：${note}。请到设备前确认后验收。`,
  askRejectReason: (id: number) => `维修 R${id} 验收不通过：请写明原因（例如「主轴仍有异响」）：`,
  repairRejected: (id: number) => `维修 R${id} 验收不通过，已退回维修。`,
  repairRejectedAlert: (id: number, who: string, reason: string) =>
    `↩️ 维修 R${id} 验收不通过（${who}）：${reason}。请继续维修。`,
  repairArchived: (id: number, downtime: string) => `维修 R${id} 验收通过，已归档。本次停机 ${downtime}。`,
  repairArchivedAlert: (id: number, who: string, downtime: string) =>
    `🎉 维修 R${id} 已由 ${who} 验收通过，停机 ${downtime}。`,
  repairOverLimit: (id: number, code: string, state: string, limit: number, late: string, who: string) =>
    `🚨 升级 维修 R${id}（${code}）「${state}」已超时限 ${formatDuration(limit)}，超出 ${late}，当前由 ${who} 负责。`,
  nobody: '无人接单',
  notMaintenance: '只有设备员可以接单和维修。',
  notYourRepair: (id: number, who: string) => `维修 R${id} 由 ${who} 负责，您不能操作。`,
  notVerifier: (id: number) => `维修 R${id} 需由报修人、班组长或车间主任验收。`,
  /** What was tried (接单, 开始维修, 维修完成, 验收) cannot be done now; the answer says who does what next. */
  repairWrongState: (id: number, state: RepairState, tried: string, technician: string | undefined) =>
    `维修 R${id} 现在是「${equipmentMessages.repairStateNames[state] ?? state}」，不能${tried}。` +
    repairNextStep[state](id, technician ?? '维修人'),
  ticketUnknown: (ref: string) => `没有找到维修单「${ref}」。维修单号形如 R12。`,
  noRepairWork: '您现在没有待办的保养或维修。',

  // 停机 / 开机
  stopped: (code: string) => `已记录 ${code} 停机，开始计停机时间。需要维修请发送「报修 ${code} 故障现象」。`,
  alreadyStopped: (code: string, since: string) => `${code} 已在 ${since} 停机。`,
  started: (code: string, downtime: string) => `${code} 已开机，本次停机 ${downtime}。`,
  notStopped: (code: string) => `${code} 没有在停机。`,
  stoppedForRepair: (code: string, id: number) => `${code} 正在维修 R${id}，验收通过后自动恢复运行。`,

  minutesText: formatDuration,
};

/** What 规则 says about the point triggers equipment offers. */
export const equipmentPointWords = {
  repairAccepted: '维修验收',
  maintenanceDone: '保养完成',
  fields: {
    limitMinutes: '维修时限（分钟）',
    repairMinutes: '维修用时（分钟）',
    minutesUnderLimit: '比时限提前的分钟数',
    minutesBeforeDue: '比到期提前的分钟数',
    equipment: '设备',
    plan: '保养计划',
  },
};
