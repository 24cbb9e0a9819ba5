/** What an import reports, row by row, to the planner or clerk who ran it. */
export const importMessages = {
  created: (what: string) => `新建 ${what}`,
  updated: (what: string) => `更新 ${what}`,
  missing: (column: string) => `缺少「${column}」`,
  notANumber: (column: string, value: string) => `「${column}」不是有效的数字：${value}`,
  notYesNo: (column: string, value: string) => `「${column}」应填 是 或 否，不是「${value}」`,
  badKind: (value: string) => `物料类型「${value}」无效，应为 原材料、半成品 或 成品`,
  badSource: (value: string) => `来源「${value}」无效，应为 ERP（由 ERP 维护，聊天中只读）或 本地`,
  unknownItem: (code: string) => `没有物料「${code}」，请先导入物料`,
  noRouting: (code: string) => `物料「${code}」没有工艺路线，请先导入工艺`,
  badDate: (value: string) => `交期「${value}」无效，请写成 2026-12-01`,
  orderLocked: (number: string, status: string) => `工单 ${number} 已是「${status}」，不能通过导入修改`,
  bomSelf: (code: string) => `物料「${code}」不能是自己的子件`,
  bomUnit: (code: string, unit: string, given: string) =>
    `子件「${code}」的单位是「${unit}」，表里写的是「${given}」，请换算后再导入`,
  unknownOperation: (code: string, operation: string) => `物料「${code}」的工艺里没有工序「${operation}」`,
  badParameter: (entry: string) =>
    `工艺参数「${entry}」看不懂，请写成「转速 800~1200rpm 标准1000」「浓度 ≥5%」，多个用；分开`,
  duplicateParameter: (name: string) => `工艺参数「${name}」写了两次`,
  backwardsParameter: (name: string, min: number, max: number) =>
    `工艺参数「${name}」的下限 ${min} 大于上限 ${max}`,
  unknownTeam: (team: string) => `没有班组「${team}」`,
  unknownMachine: (machine: string) => `没有设备「${machine}」`,
  badYuan: (column: string, value: string) =>
    `「${column}」应是不小于 0、最多两位小数的金额（元），不是「${value}」`,
  badEffective: (value: string) => `生效日期「${value}」无效，请写成 2026-12-01`,
  rateExists: (what: string, yuan: string) =>
    `${what} 已有这一天起的单价 ¥${yuan}，单价不能改写；请用新的生效日期`,
  rateUnchanged: (what: string) => `已有 ${what}，未变`,
  duplicateInFile: (key: string, line: number) => `与第 ${line} 行重复：${key}`,
  summary: (created: number, updated: number, refused: number) =>
    refused === 0
      ? `导入完成：新建 ${created}，更新 ${updated}。`
      : `有 ${refused} 行被拒绝，整个文件未导入，请修改后重试。`,
  usage: [
    '用法：npm run import -- <文件.xlsx|文件.csv> [--kind items|routings|boms|workorders|rates] [--as <人员编号>]',
    '导入物料（items）、工艺路线（routings）、物料清单（boms）、工单（workorders）或计件单价（rates）；每行显示结果，有一行被拒绝则整个文件都不导入。',
    '  --kind    表格类型；不填则按文件名和表头判断',
    '  --as      以谁的名义导入（记录在操作日志里），默认「导入」',
    '  --help    显示本说明',
  ].join('\n'),
  unsupportedFile: (ext: string) => `不支持「${ext}」文件，请使用 .xlsx 或 .csv。`,
  unknownTable:
    '无法判断这是物料、工艺、物料清单、工单还是计件单价表。请用 --kind items|routings|boms|workorders|rates 指定。',
};
