/** What printing says, in one place for review and translation. */
export const ticketMessages = {
  printHelp:
    '打印工单流转卡（每道工序一个二维码，扫码报工）；「打印 批次 L2611-01 L2611-02」打印物料批次标签',
  printUsage: '请写要打印的工单号，例如：打印 WO-2026-0042；批次标签：打印 批次 L2611-01 L2611-02。',
  tooManyLots: (max: number) => `一次最多打印 ${max} 个批次标签。`,
  lotsNotFound: (lots: string[]) => `没有找到批次：${lots.join('、')}。`,
  orderNotFound: (number: string) => `没有找到工单 ${number}。`,
  ticketReady: (number: string, operations: number, url: string, hours: number) =>
    `工单 ${number} 的流转卡（${operations} 道工序）已生成，打开后打印（${hours} 小时内有效）：\n${url}`,
  labelsReady: (count: number, url: string, hours: number) =>
    `${count} 个批次标签已生成，打开后打印（${hours} 小时内有效）：\n${url}`,
  linkExpired: '打印链接已失效，请在聊天里重新发「打印 …」。',
  noFont:
    '找不到可用的中文字体，无法生成 PDF。请安装 fonts-wqy-microhei，或在 factory.yaml 的 tickets.fontFile 写上字体文件路径。',
  // On the page itself.
  ticketTitle: '生产流转卡',
  labelsTitle: '物料批次标签',
  item: '物料',
  quantity: '数量',
  dueDate: '交期',
  customer: '客户',
  status: '状态',
  printedAt: '打印时间',
  operation: '工序',
  planned: '计划',
  machine: '设备',
  team: '班组',
  assignee: '操作工',
  scanHint: '企业微信「扫码报工」扫描本工序二维码即可开工 / 完工',
  orderCode: '整单码',
  lot: '批次',
  receivedAt: '入库',
  remaining: '结存',
  pieces: (n: number, unit: string) => `${n} ${unit}`,
  page: (n: number, of: number) => `第 ${n} / ${of} 页`,

  /** The page a printed code's link opens outside the WeCom scan menu (DingTalk's scanner, a phone camera). */
  landingTitle: '扫码报工',
  landingOperation: (order: string, sequence: number) => `工单 ${order} 工序${sequence}`,
  landingOrder: (order: string) => `工单 ${order}`,
  landingLot: (lot: string) => `物料批次 ${lot}`,
  landingHow:
    '请在企业微信工作台用「扫码报工」扫描这个二维码；在钉钉里，把这个页面的链接发给机器人。也可以直接发送：',
  landingNothingShown: '为保护生产数据，这个页面不显示工单内容。',
};
