/** What the ERP bridge says, in one place for review and translation. */
export const erpMessages = {
  reportsSheet: '报工',
  issuesSheet: '领料',
  exportHelp: '导出报工和领料明细（Excel/CSV），供用友、金蝶导入',
  exportWhatUsage:
    '目前可以导出「报工」（含当期领料）。例如：导出 报工 昨天、导出 报工 2026-11-01~2026-11-30。',
  badRange: (text: string) =>
    `看不懂日期「${text}」。可以写：今天、昨天、本周、上周、本月、上月、2026-11-30、11-30、11月30日，或 11-01~11-30。`,
  rangeReversed: (from: string, to: string) => `开始日期 ${from} 晚于结束日期 ${to}，请调换后再试。`,
  rangeTooLong: (days: number, max: number) => `一次最多导出 ${max} 天，这次是 ${days} 天。请分几次导出。`,
  rangeInFuture: (from: string) => `${from} 还没有到，没有可导出的报工。`,
  exported: (range: string, reports: number, issues: number, url: string, days: number) =>
    `已导出 ${range}：报工 ${reports} 条，领料 ${issues} 条。\n下载（${days} 天内有效）：${url}`,
  linkExpired: '下载链接已失效，请在聊天里重新发「导出 报工 …」。',
};
