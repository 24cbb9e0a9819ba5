/** What people are told about plugins, in one place for review and translation. */
export const pluginMessages = {
  failed: (plugin: string) =>
    `插件「${plugin}」处理这条消息时出错，已记录，什么也没有改动。其他功能不受影响，请联系管理员。`,
};
