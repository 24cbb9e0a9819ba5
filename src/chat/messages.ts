/** Everything the chat core says to people, in one place for review and translation. */
import type { ArgProblem } from './commands/arguments.js';

export const chatMessages = {
  unbound: (admins: string[]) =>
    `您好！您的账号还没有和工厂里的人员绑定，暂时不能使用。请联系管理员${admins.length > 0 ? ` ${admins.join('、')} ` : ''}为您绑定。`,
  unboundAdminAlert: (platform: string, externalId: string, sample: string) =>
    `有未绑定的用户在${platformLabel(platform)}给机器人发消息：${externalId}（“${sample.slice(0, 40)}”）。如需使用，请在 factory.yaml 的 people 中为其添加 ${platform}: ${externalId}。`,
  unboundGroup: (admins: string[]) =>
    `这个群还没有绑定到班组，机器人暂时不能在这里使用。请联系管理员${admins.length > 0 ? ` ${admins.join('、')} ` : ''}绑定。`,
  unboundGroupAdminAlert: (title: string, chatId: string, key: string) =>
    `有人在未绑定的群${title ? `「${title}」` : ''}里 @ 了机器人（群 ID：${chatId}）。如需使用，请在 factory.yaml 的 teams 中为对应班组添加 ${key}: ${chatId}。`,
  unknownCommand: (word: string, suggestion: string | undefined) =>
    suggestion === undefined
      ? `没有「${word}」这个命令。发送「帮助」查看可用命令。`
      : `没有「${word}」这个命令。您是不是想说「${suggestion}」？发送「帮助」查看可用命令。`,
  notAllowed: (command: string, roles: string[]) => `「${command}」只有${roles.join('、')}可以使用。`,
  staffOnly: (command: string) =>
    `「${command}」只供厂内人员使用。外协厂联系人可以查看和更新自己的外发单，发送「帮助」查看可用命令。`,
  badArgs: (problem: ArgProblem, usage: string) => `${describeProblem(problem)}\n用法：${usage}`,
  /** What was wrong with an answer, said before the question is asked again. */
  badAnswer: (problem: ArgProblem) => describeProblem(problem),
  helpHeader: (name: string) => `${name}，您可以发送：`,
  helpFooter: '发送「取消」可以结束正在进行的对话。',
  helpOneHint: (example: string) => `发送「帮助 <命令>」看一条命令的说明，如「帮助 ${example}」。`,
  helpOne: (name: string, usage: string, help: string, synonyms: readonly string[]) =>
    [
      `「${name}」${synonyms.length > 0 ? `（也可以说：${synonyms.join('、')}）` : ''}`,
      `用法：${usage}`,
      help,
    ].join('\n'),
  cancelled: '好的，已取消。',
  nothingToCancel: '现在没有需要取消的对话。',
  dialogExpired: '上一个问题已经超时，请重新发送命令。',
  emptyMessage: '请发送命令，例如「帮助」。',
  welcome: (name: string) => `${name}，您好！发送「帮助」查看可用命令。`,
  imageReceived: '已收到图片。如需上传照片，请先发送相应的命令。',
  imageNotAnswer: '已收到图片，但上一个问题还在等文字回答，请先回答它。',
  unknownScan: (text: string) => `无法识别这个二维码：${text.slice(0, 60)}`,
  unknownMenu: '这个菜单项暂不可用。',
  cardUnknown: '这张卡片已失效，请重新获取。',
  cardStale: (now: string) => `这张卡片已过期：${now}。请以最新的卡片为准。`,
  internalError: '系统繁忙，请稍后再试。如果一直出现，请联系管理员。',
  unhandledGivenUp: (said: string | undefined) =>
    `${said === undefined ? '您刚才的操作' : `您发的「${said.slice(0, 30)}」`}多次处理失败，没有生效。请稍后重新发送；如果一直这样，请联系管理员。`,
  deadLetterAlert: (recipient: string, channel: string, error: string) =>
    `一条发给 ${recipient} 的消息（${channel}）多次发送失败，已停止重试：${error.slice(0, 120)}`,
  roleNames: {
    worker: '工人',
    team_lead: '班组长',
    supervisor: '车间主任',
    planner: '计划员',
    coordinator: '外协跟单',
    partner: '外协厂',
    qc: '质检员',
    maintenance: '设备员',
    manager: '管理层',
    admin: '管理员',
  } as Record<string, string>,
};

function platformLabel(platform: string): string {
  return { wecom: '企业微信', dingtalk: '钉钉', console: '控制台' }[platform] ?? platform;
}

function describeProblem(problem: ArgProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `缺少${problem.label}。`;
    case 'not_a_quantity':
      return `「${problem.token}」不是有效的${problem.label}，请输入数字，例如 50 或 五十。`;
    case 'negative_quantity':
      return `${problem.label}不能是负数，您写了「${problem.token}」。`;
    case 'extra':
      return `多余的内容：「${problem.token}」。`;
  }
}
