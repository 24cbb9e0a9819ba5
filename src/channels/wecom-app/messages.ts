/** What the WeCom app channel itself says, in one place for review and translation. */
export const wecomAppMessages = {
  buttonDone: '已处理',
  /** appchat groups cannot show buttons or call us back: tell people where to act instead. */
  groupButtonHint: (button: string) => `（在应用里点「${button}」）`,
  menu: { scanToReport: '扫码报工', myTasks: '我的任务', help: '帮助' },
};
