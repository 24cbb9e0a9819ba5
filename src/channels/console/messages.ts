/** What the console itself says, beside the bot's replies. */
export const consoleMessages = {
  imageSaved: (path: string) => `图表已保存：${path}`,
  imageNotSaved: (title: string) => `[图片：${title}]`,
};
