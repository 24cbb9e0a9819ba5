import { chatMessages } from '../../chat/messages.js';

/** What the terminal chat (`npm run chat`) says about itself, beside the bot's replies. */
export const consoleMessages = {
  usage: [
    '用法：npm run chat -- --as <人员编号或姓名> [--group <群 ID>]',
    '以工厂里某个人的身份在终端和机器人对话，每行一条消息。',
    '每张卡片带编号（#3）：输入 #3.1 或 #3 完工 点第 3 张卡片的按钮，只输入数字点最后一张卡片的按钮。',
    '  --as      以谁的身份说话，例如 zhangwei 或 张伟（必填）',
    '  --group   在某个群里说话（群 ID），不填则为私聊',
    '  --help    显示本说明',
    '例如：printf "帮助\\n" | npm run chat -- --as zhangwei',
  ].join('\n'),
  missingPerson: '请用 --as 指定以谁的身份对话，例如 npm run chat -- --as zhangwei。',
  unknownPerson: (who: string) =>
    `工厂里没有「${who}」这个人。请先运行 npm run seed:demo，或在 factory.yaml 的 people 中添加。`,
  connected: (name: string, roles: readonly string[]) =>
    `${name}（${roles.map((r) => chatMessages.roleNames[r] ?? r).join('、')}）已连接。输入「帮助」查看命令，Ctrl+D 退出。`,
  noSuchButton: (n: number) => `没有第 ${n} 个按钮。`,
  noSuchCard: (n: number) => `没有卡片 #${n}。`,
  noSuchButtonOnCard: (card: number, button: string) => `卡片 #${card} 上没有「${button}」按钮。`,
  cardNumber: (n: number) => `#${n}`,
  imageSaved: (path: string) => `图表已保存：${path}`,
  imageNotSaved: (title: string) => `[图片：${title}]`,
  cardUpdated: '（卡片已更新）',
  pushed: '📨',
};
