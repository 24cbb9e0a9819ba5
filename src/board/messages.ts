import type { KpiKey } from './board-kpis.js';

/** Everything the control-room board and its chat command say, in one place. */
export const boardMessages = {
  commandHelp: '生成车间大屏链接（今日产量、风险订单、设备状态、异常维修、外发、KPI，实时更新）',
  linkCreated: (url: string, until: string) =>
    `车间大屏链接（${until} 前有效，用 1920×1080 屏幕全屏打开，数据实时更新）：\n${url}`,

  title: '生产大屏',
  updatedAt: (at: string) => `${at} 更新`,
  live: '实时',
  offline: '连接中断，正在重连…',
  more: (n: number) => `另有 ${n} 项`,
  none: '无',

  linesTitle: '今日产量 / 计划',
  linesPlanLined: '按派工',
  atRiskTitle: '风险订单',
  atRiskDue: (day: string) => `交期 ${day}`,
  atRiskFinish: (day: string) => `预计 ${day} 完工`,
  machinesTitle: '设备状态',
  machinesAllRunning: '全部设备运行中',
  openTitle: '异常与维修',
  outsourcingTitle: '外发',
  // Words, not the chat's 🔴🟡🟢: a wall-screen PC rarely has a colour-emoji font, and the tiles are coloured.
  outsourcingGroups: { red: '逾期', yellow: '即将到期', green: '正常' } as const,
  kpiTitle: '本周 KPI（近 8 周）',
  kpiNames: {
    onTimeDelivery: '准时交付率',
    exceptionClosure: '异常按时关闭率',
    firstPassYield: '一次合格率',
    exceptionResponse: '异常响应',
    repairAccept: '报修接单',
  } satisfies Record<KpiKey, string>,
  kpiBaseline: (text: string) => `基线 ${text}`,
  noFigure: '暂无',

  /** How long something has been open: whole minutes, hours, then days. */
  age(ms: number): string {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    if (minutes < 60) return `${minutes} 分钟`;
    const hours = Math.floor(minutes / 60);
    return hours < 48 ? `${hours} 小时` : `${Math.floor(hours / 24)} 天`;
  },

  linkInvalidTitle: '链接已失效',
  linkInvalid: '大屏链接无效或已过期，请车间主管在群里发「大屏」获取新链接。',
};
