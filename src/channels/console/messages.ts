/** What the console itself says, beside the bot's replies and before anything reaches the chat engine. */
export const consoleMessages = {
  noSuchButton: (n: number) => `没有第 ${n} 个按钮。`,
  noSuchCard: (n: number) => `没有卡片 #${n}。`,
  noSuchButtonOnCard: (card: number, button: string) => `卡片 #${card} 上没有「${button}」按钮。`,
  cardNumber: (n: number) => `#${n}`,
  imageSaved: (path: string) => `图表已保存：${path}`,
  imageNotSaved: (title: string) => `[图片：${title}]`,
  cardUpdated: '（卡片已更新）',
  pushed: '📨',
};
