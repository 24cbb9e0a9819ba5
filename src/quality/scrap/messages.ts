/** What scrap approval says, in one place for review and translation. */
export const scrapMessages = {
  requestHelp: '申请报废，如 报废申请 WO-0042 工序20 3 D01；超过审批线的要质检或主管批准后才计入',
  decideHelp:
    '批准或驳回报废申请，如 报废审批 S3 批准、报废审批 S3 驳回 数量不对（也可点卡片上的按钮）；不写申请号时列出等您审批的',
  approveWord: '批准',
  rejectWord: '驳回',
  cardTitle: (label: string, order: string, operation: string) =>
    `报废审批 ${label} · ${order}「${operation}」`,
  stateNames: { pending: '待审批', approved: '已批准', rejected: '已驳回' } as Record<string, string>,
  noReason: '（报工未填原因）',
  held: (label: string, pieces: number, threshold: number) =>
    `报废 ${pieces} 件超过审批线 ${threshold} 件，已提交审批（${label}），批准后才计入报废。`,
  requested: (label: string, pieces: number, threshold: number) =>
    `已提交报废申请 ${label}：${pieces} 件（审批线 ${threshold} 件），批准后才计入报废。`,
  postedAtOnce: (order: string, operation: string, pieces: number) =>
    `已计入报废：${order}「${operation}」${pieces} 件（未超过审批线，无需审批）。`,
  badRef: (ref: string) => `「${ref}」不是报废申请号。请写 S 加数字，如 S3。`,
  notFound: (ref: string) => `没有报废申请 ${ref}。`,
  alreadyDecided: (label: string, state: string) => `报废申请 ${label} ${state}，不能再审批。`,
  notApprover: (label: string, who: string) => `报废申请 ${label} 要由${who}审批。`,
  approverNames: { qc: '质检', supervisor: '主管', qc_or_supervisor: '质检或主管' } as Record<string, string>,
  askRejectReason: (label: string) => `请回复驳回报废申请 ${label} 的原因。`,
  rejectNeedsReason: (label: string) => `驳回要写原因：报废审批 ${label} 驳回 <原因>。`,
  badVerdict: (word: string) => `「${word}」不是审批结果。请写「批准」或「驳回 <原因>」。`,
  approved: (label: string, pieces: number, minutes: number) =>
    `已批准报废申请 ${label}：${pieces} 件已计入报废（申请到审批 ${minutes} 分钟）。`,
  rejected: (label: string, reason: string) => `已驳回报废申请 ${label}：${reason}。该报废不计入。`,
  tellApproved: (label: string, order: string, operation: string, pieces: number, by: string) =>
    `报废申请 ${label}（${order}「${operation}」${pieces} 件）已由 ${by} 批准，已计入报废。`,
  tellRejected: (label: string, order: string, operation: string, by: string, reason: string) =>
    `报废申请 ${label}（${order}「${operation}」）被 ${by} 驳回：${reason}。这些件数不计入报废，请与质检核对。`,
  closedNote: (state: string, by: string, at: string) => `${by} ${at} ${state}`,
  noneWaiting: '没有等您审批的报废申请。',
  waiting: (lines: string[], first: string) =>
    [
      `等您审批的报废申请 ${lines.length} 条（最早的在前）：`,
      ...lines,
      `发「报废审批 ${first} 批准」或「报废审批 ${first} 驳回 <原因>」，也可以点卡片上的按钮。`,
    ].join('\n'),
  waitingLine: (
    label: string,
    order: string,
    operation: string,
    pieces: number,
    reason: string,
    by: string,
  ) => `· ${label} ${order}「${operation}」报废 ${pieces} 件，${reason}（${by}）`,
  verdictMissing: (label: string) =>
    `请写审批结果：报废审批 ${label} 批准，或 报废审批 ${label} 驳回 <原因>。`,
  notWhole: (n: number) => `报废数要是正整数（收到 ${n}）。`,
};
