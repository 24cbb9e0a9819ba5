/** Everything the DingTalk channel itself says to people, in one place for review and translation. */
export const dingtalkMessages = {
  /** Shown under a card drawn without a card template: its buttons post a message back. */
  actionCardFooter: '点下方按钮即可操作。',
  /** What a card without template says when it has more buttons than an ActionCard can carry. */
  buttonHint: (text: string) => `「${text}」`,
  /** The title of a card without template when DingTalk needs one for the chat list. */
  cardSummary: (title: string) => `[卡片] ${title}`,
  budgetNotice: (percent: number, used: number, limit: number, month: string) =>
    `钉钉接口调用提醒：本月（${month}）机器人已调用钉钉接口 ${used} 次，达到免费版组织每月 ${limit} 次额度的 ${percent}%。` +
    '群里 @ 机器人后的即时回复不计入额度；定时推送和卡片会计入。如果组织是专业版或专属版，可以忽略此提醒。',
  budgetExhausted: (used: number, month: string) =>
    `钉钉接口调用已达上限：本月（${month}）钉钉拒绝了机器人的接口调用（本机统计 ${used} 次）。` +
    '在下月 1 日之前，卡片和主动推送发不出去，只有在群里或单聊中 @ 机器人后的即时回复还能送达。',
};
