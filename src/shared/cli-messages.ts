/** What every command-line tool says about a mistake in how it was called. */
export const cliMessages = {
  badCall: (usage: string) => `命令参数不对。\n${usage}`,
  badConfig: (problems: string[]) => `factory.yaml 有问题，请修改后重试：\n${problems.join('\n')}`,
  fileNotFound: (path: string) => `找不到文件「${path}」，请检查路径。`,
};
