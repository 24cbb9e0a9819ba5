/** What the WeCom app channel itself says, in one place for review and translation. */
export const wecomAppMessages = {
  buttonDone: '已处理',
  /** appchat groups cannot show buttons or call us back: tell people where to act instead. */
  groupButtonHint: (button: string) => `（在应用里点「${button}」）`,
  menu: { scanToReport: '扫码报工', more: '更多' },
  // The command-line tools (npm run wecom:menu, wecom:group).
  menuUsage: [
    '用法：npm run wecom:menu',
    '在企业微信自建应用上安装菜单：扫码报工 · 我的任务 · 帮助。',
    '需要先设置 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN 和 WECOM_AES_KEY。',
  ].join('\n'),
  groupUsage: [
    '用法：',
    '  npm run wecom:group -- create <班组编号>   为班组建企业微信群，并显示要写进 factory.yaml 的群 ID',
    '  npm run wecom:group -- show <群 ID>       查看应用建的群',
    '需要先设置 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN 和 WECOM_AES_KEY。',
  ].join('\n'),
  wecomNotSet: '请先设置 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN 和 WECOM_AES_KEY。',
  menuInstalled: (names: string[]) => `应用菜单已安装：${names.join(' · ')}`,
  wecomRefused: (code: number, message: string) => `企业微信拒绝了请求：${code} ${message}`,
  teamNeedsLead: (team: string) => `班组「${team}」需要在 factory.yaml 里有一位带企业微信账号的班组长。`,
  groupCreated: (name: string, chatId: string) =>
    `已建群「${name}」。请在 factory.yaml 的这个班组下添加：  wecomGroup: ${chatId}`,
};
